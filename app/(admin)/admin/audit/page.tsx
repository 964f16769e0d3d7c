import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { FormMessage } from "@/components/ui/form-message";
import { PageHeading } from "@/components/ui/page-heading";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { searchAudit } from "@/lib/audit/search";
import { requireActor } from "@/lib/auth";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit trail" };

const FIELDS = ["patientId", "userEmail", "action", "from", "to"] as const;

export default async function AuditSearchPage({ searchParams }: PageProps<"/admin/audit">) {
  const actor = await requireActor("/admin/audit");
  if (!can(actor, "audit.search", { type: "carrier" })) notFound();
  const params = await searchParams;
  const filters = Object.fromEntries(FIELDS.map((field) => [field, typeof params[field] === "string" ? params[field] : ""])) as Record<(typeof FIELDS)[number], string>;
  let events = null;
  let problem: string | null = null;
  try {
    events = await searchAudit(db(), actor, filters);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problem = error.userMessage;
  }
  const input = "min-h-12 rounded-lg border-2 border-line-strong bg-surface px-3";
  return (
    <div className="space-y-8">
      <PageHeading title="Audit trail" lead="Every sign-in, every look at patient data and every disclosure, newest first. Searching is itself recorded." />
      <form method="get" className="grid max-w-3xl gap-4 sm:grid-cols-2">
        <label className="flex flex-col gap-1.5 font-semibold">Patient id<input name="patientId" defaultValue={filters.patientId} className={input} /></label>
        <label className="flex flex-col gap-1.5 font-semibold">User email<input name="userEmail" type="email" defaultValue={filters.userEmail} className={input} /></label>
        <label className="flex flex-col gap-1.5 font-semibold">
          Action
          <select name="action" defaultValue={filters.action} className={input}>
            <option value="">Any action</option>
            {Object.entries(AUDIT_ACTIONS).map(([action, definition]) => (
              <option key={action} value={action}>{`${action}: ${definition.label}`}</option>
            ))}
          </select>
        </label>
        <div className="grid grid-cols-2 gap-3">
          <label className="flex flex-col gap-1.5 font-semibold">From<input name="from" type="date" defaultValue={filters.from} className={input} /></label>
          <label className="flex flex-col gap-1.5 font-semibold">To<input name="to" type="date" defaultValue={filters.to} className={input} /></label>
        </div>
        <div>
          <button type="submit" className="min-h-12 rounded-lg bg-brand px-5 font-semibold text-white hover:bg-brand-strong">Search</button>
        </div>
      </form>
      {problem ? <FormMessage tone="error">{problem}</FormMessage> : null}
      {events ? <AuditTable events={events} /> : null}
    </div>
  );
}
