import type { ReactNode } from "react";

// The single h1 of a page, with an optional plain-language sentence under it.
export function PageHeading({ title, lead }: { title: ReactNode; lead?: ReactNode }) {
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-semibold tracking-tight text-balance text-ink sm:text-4xl">{title}</h1>
      {lead ? <p className="mt-4 text-lg text-pretty text-ink-muted sm:text-xl">{lead}</p> : null}
    </div>
  );
}
