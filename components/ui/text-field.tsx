import type { InputHTMLAttributes } from "react";
import { Field } from "./field";

// A labelled input with its hint and error tied to it for screen readers.
export function TextField({ label, hint, error, ...input }: { label: string; hint?: string; error?: string; name: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field id={input.id ?? `field-${input.name}`} label={label} hint={hint} error={error}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}
