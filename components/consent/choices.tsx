import type { ReactNode } from "react";

// Radio groups and checkboxes for the consent forms: a legend that names the question, each
// answer a large target, and what an answer needs next shown right under it.

export type Choice = { value: string; label: string; hint?: string };

export function RadioChoices({
  name,
  legend,
  hint,
  choices,
  value,
  onChange,
  error,
  details = {},
}: {
  name: string;
  legend: string;
  hint?: string;
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Fields shown under an answer while it is chosen. */
  details?: Partial<Record<string, ReactNode>>;
}) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined}>
      <legend className="mb-1 text-lg font-semibold">{legend}</legend>
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
      {choices.map((choice) => {
        const id = `${name}-${choice.value}`;
        return (
          <div key={choice.value} className="flex flex-col gap-2">
            <label htmlFor={id} className="flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border border-line bg-surface p-3">
              <input id={id} type="radio" name={name} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} className="mt-1 size-5 shrink-0 accent-brand" />
              <span>
                <span className="font-medium">{choice.label}</span>
                {choice.hint ? <span className="block text-ink-muted">{choice.hint}</span> : null}
              </span>
            </label>
            {value === choice.value && details[choice.value] ? <div className="ml-4 flex flex-col gap-4 border-l-4 border-brand-soft pl-4">{details[choice.value]}</div> : null}
          </div>
        );
      })}
    </fieldset>
  );
}

export function CheckboxField({ name, label, hint, error, value = "yes", defaultChecked }: { name: string; label: ReactNode; hint?: string; error?: string; value?: string; defaultChecked?: boolean }) {
  const id = `field-${name}-${value}`;
  return (
    <div className="flex flex-col gap-1">
      {error ? (
        <p id={`${id}-error`} className="font-medium text-danger">
          {error}
        </p>
      ) : null}
      <label htmlFor={id} className="flex min-h-12 cursor-pointer items-start gap-3 rounded-lg border border-line bg-surface p-3">
        <input id={id} type="checkbox" name={name} value={value} defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined} className="mt-1 size-5 shrink-0 accent-brand" />
        <span>
          <span className="font-medium">{label}</span>
          {hint ? (
            <span id={`${id}-hint`} className="block text-ink-muted">
              {hint}
            </span>
          ) : null}
        </span>
      </label>
    </div>
  );
}
