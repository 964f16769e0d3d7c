import type { Actor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { authorizePatient } from "./load";

// One patient's record as staff see it: name, birth date, identifiers at the staff's organization.
// Opening it is a disclosure, recorded where the patient can see it.

export async function openPatientRecord(db: Database, actor: Actor, patientId: string) {
  await authorizePatient(db, actor, "patient.read", patientId);
  // Staff and systems see the identifiers their own organization issued; the patient sees them all.
  const organizationId = actor.kind === "user" || actor.kind === "api-key" ? actor.organizationId : null;
  return db.$transaction(async (tx) => {
    const patient = await tx.patient.findUniqueOrThrow({
      where: { id: patientId },
      select: { id: true, givenName: true, familyName: true, birthDate: true, sex: true, identifiers: { where: organizationId ? { organizationId } : {}, select: { system: true, value: true } } },
    });
    await recordAuditEvent(tx, { actor, action: "patient.view", patientId, channel: "web" });
    return patient;
  }, AUDITED_TRANSACTION);
}
