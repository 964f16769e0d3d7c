import Link from "next/link";
import type { Route } from "next";
import type { ReactNode } from "react";

type ButtonLinkVariant = "primary" | "secondary";

const variantClasses: Record<ButtonLinkVariant, string> = {
  primary: "bg-brand text-white hover:bg-brand-strong",
  secondary: "border-2 border-brand bg-surface text-brand-strong hover:bg-brand-soft",
};

// A link that looks like a button: it navigates, so it stays an <a> for assistive technology.
export function ButtonLink({
  href,
  variant = "primary",
  children,
}: {
  href: Route;
  variant?: ButtonLinkVariant;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      className={`inline-flex min-h-12 items-center justify-center gap-2 rounded-lg px-6 py-3 text-center font-semibold no-underline motion-safe:transition-colors ${variantClasses[variant]}`}
    >
      {children}
    </Link>
  );
}
