import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger";

export const BUTTON_CLASSES: Record<ButtonVariant, string> = {
  primary: "bg-brand text-white hover:bg-brand-strong",
  secondary: "border-2 border-brand bg-surface text-brand-strong hover:bg-brand-soft",
  danger: "bg-danger text-white hover:bg-danger-strong",
};

export const BUTTON_SHAPE = "inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-6 py-3 font-semibold disabled:opacity-70";

// A button that acts on the page (not a form submission: that is SubmitButton).
export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type="button" {...props} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES[variant]} ${className}`} />;
}
