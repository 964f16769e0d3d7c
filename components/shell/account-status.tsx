import { PersonIcon } from "@/components/ui/icons";

// Mirrors the Role enum in prisma/schema.prisma; kept local so the shell does not load the db client.
export type AccountRole = "PATIENT" | "FRONT_DESK" | "CLINICIAN" | "ADMIN";

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

// Placeholder until sign-in exists: the root layout will pass the session's account here.
export function AccountStatus({ account }: { account?: SignedInAccount }) {
  if (!account) {
    return (
      <p className="flex items-center gap-2 text-ink-muted">
        <PersonIcon className="size-5 shrink-0" />
        <span>Not signed in</span>
      </p>
    );
  }

  return (
    <p className="flex min-w-0 flex-wrap items-center justify-end gap-x-2 gap-y-1">
      <PersonIcon className="size-5 shrink-0 text-ink-muted" />
      <span className="sr-only">Signed in as</span>
      <span className="min-w-0 truncate font-semibold text-ink">{account.name}</span>
      <span className="rounded-full bg-brand-soft px-2.5 py-0.5 text-sm font-medium text-brand-strong">
        {roleLabels[account.role]}
      </span>
    </p>
  );
}
