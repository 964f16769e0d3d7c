import type { ReactNode } from "react";

export type FieldControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string };

// The frame every form control shares: a label, an optional hint and error, both tied to the
// control for screen readers, and one look for the control itself.
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  error?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-semibold text-ink">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-ink-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="font-medium text-danger">
          {error}
        </p>
      ) : null}
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
        className: `min-h-12 w-full max-w-md rounded-lg border-2 bg-surface px-3 py-2 text-ink ${error ? "border-danger" : "border-line-strong"}`,
      })}
    </div>
  );
}
