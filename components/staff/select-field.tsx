import type { ReactNode, SelectHTMLAttributes } from "react";

export type SelectOption = { value: string; label: string };

// A labelled select with its hint and error tied to it, styled like TextField. A candidate for
// components/ui once a second feature needs one.
export function SelectField({
  label,
  hint,
  error,
  options,
  placeholder,
  ...select
}: { label: ReactNode; hint?: string; error?: string; name: string; options: readonly SelectOption[]; placeholder?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = select.id ?? `field-${select.name}`;
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
      <select
        {...select}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`min-h-12 w-full max-w-md rounded-lg border-2 bg-surface px-3 py-2 text-ink ${error ? "border-danger" : "border-line-strong"}`}
      >
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
