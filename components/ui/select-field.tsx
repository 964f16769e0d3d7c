import type { ReactNode, SelectHTMLAttributes } from "react";
import { Field } from "./field";

export type SelectOption = { value: string; label: string };

// A labelled select with its hint and error tied to it, like TextField.
export function SelectField({
  label,
  hint,
  error,
  options,
  placeholder,
  ...select
}: { label: ReactNode; hint?: string; error?: string; name: string; options: readonly SelectOption[]; placeholder?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field id={select.id ?? `field-${select.name}`} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...select} {...control}>
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
      )}
    </Field>
  );
}
