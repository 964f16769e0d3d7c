import Link from "next/link";
import { PersonIcon } from "@/components/ui/icons";
import type { Role as AccountRole } from "@/lib/db/generated/enums";

export type SignedInAccount = {
  name: string;
  role: AccountRole;
};

const roleLabels: Record<AccountRole, string> = {
  PATIENT: "Patient",
  FRONT_DESK: "Front desk",
  CLINICIAN: "Clinician",
  ADMIN: "Admin",
};

// The signed-in account (with a way to its settings), or a way to sign in.
export function AccountStatus({ account }: { account?: SignedInAccount }) {
  if (!account) {
    return (
      <p className="flex items-center gap-3 text-ink-muted">
        <PersonIcon className="size-5 shrink-0" />
        <span>Not signed in</span>
        <Link href="/sign-in" className="inline-flex min-h-11 items-center font-semibold">
          Sign in
        </Link>
      </p>
    );
  }

  return (
    <p className="flex min-w-0 flex-wrap items-center justify-end gap-x-2 gap-y-1">
      <PersonIcon className="size-5 shrink-0 text-ink-muted" />
      <span className="sr-only">Signed in as</span>
      <Link href="/account" className="inline-flex min-h-11 min-w-0 items-center truncate font-semibold text-ink">
        {account.name}
      </Link>
      <span className="rounded-full bg-brand-soft px-2.5 py-0.5 text-sm font-medium text-brand-strong">
        {roleLabels[account.role]}
      </span>
    </p>
  );
}
