import type { ReactNode } from "react";

// The outcome of a form, announced to screen readers as soon as it appears.
export function FormMessage({ tone, children }: { tone: "error" | "success"; children: ReactNode }) {
  const colours = tone === "error" ? "border-danger/40 bg-danger-soft text-danger-strong" : "border-brand/30 bg-brand-soft text-brand-strong";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`max-w-md rounded-lg border-2 p-4 font-medium ${colours}`}>
      {children}
    </div>
  );
}
