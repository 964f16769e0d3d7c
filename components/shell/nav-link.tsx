"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Route } from "next";
import type { ReactNode } from "react";

// The only client part of the header: it needs the current path to mark where the reader is.
export function NavLink({ href, children }: { href: Route; children: ReactNode }) {
  const pathname = usePathname();
  const isPage = pathname === href;
  const isInSection = !isPage && pathname.startsWith(`${href}/`);
  // "page" on the area's own page, "true" on pages inside it (GOV.UK service navigation pattern).
  const ariaCurrent = isPage ? "page" : isInSection ? "true" : undefined;

  return (
    <Link
      href={href}
      aria-current={ariaCurrent}
      className={`inline-flex min-h-11 items-center rounded-lg px-3 py-2 no-underline motion-safe:transition-colors ${
        ariaCurrent
          ? "bg-brand-soft font-semibold text-brand-strong underline decoration-2 underline-offset-[0.35em]"
          : "font-medium text-ink-muted hover:bg-canvas hover:text-ink"
      }`}
    >
      {children}
    </Link>
  );
}
