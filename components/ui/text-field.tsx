import type { InputHTMLAttributes } from "react";

// A labelled input with its hint and error tied to it for screen readers.
export function TextField({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string; error?: string; name: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `field-${input.name}`;
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
      <input
        {...input}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`min-h-12 w-full max-w-md rounded-lg border-2 bg-surface px-3 py-2 text-ink ${error ? "border-danger" : "border-line-strong"}`}
      />
    </div>
  );
}
