import type { ReactNode } from "react";

// A sentence in place of the viewer: while it opens (a polite status) or when it cannot (an alert).

export function ViewerMessage({ children, status, alert }: { children: ReactNode; status?: boolean; alert?: boolean }) {
  return (
    <div role={alert ? "alert" : status ? "status" : undefined} className={`rounded-xl border p-5 ${alert ? "border-2 border-danger bg-danger-soft" : "border-line bg-surface"}`}>
      {children}
    </div>
  );
}
