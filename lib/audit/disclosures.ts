import type { Actor } from "../auth/actor";
import type { AuditEvent } from "../db/generated/client.ts";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import { DISCLOSURE_ACTIONS } from "./actions";
import { AUDITED_TRANSACTION, recordAuditEvent } from "./record";

// The patient's accounting of disclosures: every time someone other than the patient saw, received
// or retrieved their data, newest first, optionally for one study.

export const DISCLOSURES_PAGE_SIZE = 50;

export type DisclosureQuery = { patientId: string; studyId?: string; before?: bigint };

export async function listDisclosures(db: Database, actor: Actor, query: DisclosureQuery): Promise<AuditEvent[]> {
  const patient = await authorizePatient(db, actor, "audit.read", query.patientId);
  if (query.studyId !== undefined) {
    // A study id from the client must belong to this patient.
    const owned = isUuid(query.studyId) && (await db.study.count({ where: { id: query.studyId, patientId: patient.patientId } })) === 1;
    if (!owned) throw new ForbiddenError();
  }
  return db.$transaction(async (tx) => {
    const events = await tx.auditEvent.findMany({
      where: {
        patientId: patient.patientId,
        action: { in: DISCLOSURE_ACTIONS },
        // Not the patient's own looks. Spelled with the null case: in SQL, NOT (actorUserId = x) is
        // never true for events with no user (a share recipient, an imaging system, Carrier itself).
        ...(patient.accountUserId ? { OR: [{ actorUserId: null }, { actorUserId: { not: patient.accountUserId } }] } : {}),
        ...(query.studyId ? { studyIds: { has: query.studyId } } : {}),
        ...(query.before ? { id: { lt: query.before } } : {}),
      },
      orderBy: { id: "desc" },
      take: DISCLOSURES_PAGE_SIZE,
    });
    await recordAuditEvent(tx, { actor, action: "audit.read", patientId: patient.patientId, studyIds: query.studyId ? [query.studyId] : [], channel: "web" });
    return events;
  }, AUDITED_TRANSACTION);
}
