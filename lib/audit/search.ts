import { z } from "zod";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/policy";
import type { AuditEvent, Prisma } from "../db/generated/client.ts";
import type { Database } from "../db/prisma";
import { InvalidInputError } from "../errors";
import { isAuditAction } from "./actions";
import { AUDITED_TRANSACTION, recordAuditEvent } from "./record";

// Staff audit search, for administrators: filter the whole trail by patient, user, action and time.

export const AUDIT_SEARCH_PAGE_SIZE = 100;

const optionalText = z.string().trim().optional().transform((value) => value || undefined);
const optionalDate = optionalText.refine((value) => value === undefined || !Number.isNaN(Date.parse(value)), "Enter dates as YYYY-MM-DD.");

export const auditSearchInput = z.object({
  patientId: optionalText.refine((value) => value === undefined || /^[0-9a-f-]{36}$/i.test(value), "A patient id looks like 3f2c…: 36 letters, digits and dashes."),
  userEmail: optionalText,
  action: optionalText.refine((value) => value === undefined || isAuditAction(value), "Pick an action from the list."),
  from: optionalDate,
  to: optionalDate,
});
export type AuditSearchInput = z.input<typeof auditSearchInput>;

export async function searchAudit(db: Database, actor: Actor, raw: AuditSearchInput): Promise<AuditEvent[]> {
  assertCan(actor, "audit.search", { type: "carrier" });
  const parsed = auditSearchInput.safeParse(raw);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "Check the search fields.");
  const filters = parsed.data;
  const occurredAt: Prisma.DateTimeFilter = {};
  if (filters.from) occurredAt.gte = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) occurredAt.lt = new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000);
  return db.$transaction(async (tx) => {
    const events = await tx.auditEvent.findMany({
      where: {
        ...(filters.patientId ? { patientId: filters.patientId } : {}),
        ...(filters.userEmail ? { actorUser: { email: filters.userEmail.toLowerCase() } } : {}),
        ...(filters.action ? { action: filters.action } : {}),
        ...(filters.from || filters.to ? { occurredAt } : {}),
      },
      orderBy: { id: "desc" },
      take: AUDIT_SEARCH_PAGE_SIZE,
    });
    await recordAuditEvent(tx, { actor, action: "audit.search", detail: { filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) } });
    return events;
  }, AUDITED_TRANSACTION);
}
