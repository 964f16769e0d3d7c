import type { ReactNode } from "react";
import { InfoIcon } from "@/components/ui/icons";

// A calm, static callout. Not a live region: it is part of the page, not news about a change.
export function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex max-w-2xl gap-3 rounded-xl border border-brand/25 bg-brand-soft p-4 sm:p-5">
      <InfoIcon className="mt-0.5 size-6 shrink-0 text-brand" />
      <div>
        <p className="font-semibold text-ink">{title}</p>
        {children ? <div className="mt-1 text-ink-muted">{children}</div> : null}
      </div>
    </div>
  );
}
