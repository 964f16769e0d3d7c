"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

// Says that something is happening while the form is being sent, and cannot be pressed twice.
export function SubmitButton({ children, pendingLabel, variant = "primary" }: { children: ReactNode; pendingLabel: string; variant?: "primary" | "secondary" | "danger" }) {
  const { pending } = useFormStatus();
  const colours = {
    primary: "bg-brand text-white hover:bg-brand-strong",
    secondary: "border-2 border-brand bg-surface text-brand-strong hover:bg-brand-soft",
    danger: "bg-danger text-white hover:bg-danger-strong",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex min-h-12 items-center justify-center rounded-lg px-6 py-3 font-semibold disabled:opacity-70 ${colours}`}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
