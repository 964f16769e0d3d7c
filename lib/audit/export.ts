import type { Actor } from "../auth/actor";
import type { Database } from "../db/prisma";
import { authorizePatient } from "../patients/load";
import { auditEventBundle, type FhirAuditEvent, type FhirBundle } from "./fhir";
import { AUDITED_TRANSACTION, recordAuditEvent } from "./record";

// GET /api/fhir/AuditEvent?patient=: a patient's whole trail as FHIR R4 AuditEvents, newest first.

export const EXPORT_PAGE_SIZE = 500;

export async function exportPatientAuditEvents(db: Database, actor: Actor, patientId: string, baseUrl: string): Promise<FhirBundle<FhirAuditEvent>> {
  await authorizePatient(db, actor, "audit.read", patientId);
  return db.$transaction(async (tx) => {
    const [rows, total] = await Promise.all([
      tx.auditEvent.findMany({ where: { patientId }, orderBy: { id: "desc" }, take: EXPORT_PAGE_SIZE }),
      tx.auditEvent.count({ where: { patientId } }),
    ]);
    await recordAuditEvent(tx, { actor, action: "audit.export", patientId, channel: "web", detail: { format: "FHIR R4 AuditEvent", events: rows.length } });
    return auditEventBundle(rows, { total, baseUrl });
  }, AUDITED_TRANSACTION);
}
