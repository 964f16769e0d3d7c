import type { Database } from "../db/prisma";
import type { PatientResource } from "../auth/policy";

// The facts the policy needs about a patient (who holds the account, where they are registered),
// loaded by id. Unknown ids give null, which callers answer exactly like a refusal.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export async function patientResource(db: Database, patientId: string): Promise<PatientResource | null> {
  if (!isUuid(patientId)) return null;
  const patient = await db.patient.findUnique({
    where: { id: patientId },
    select: { id: true, userId: true, identifiers: { select: { organizationId: true } } },
  });
  if (!patient) return null;
  return {
    type: "patient",
    patientId: patient.id,
    accountUserId: patient.userId,
    organizationIds: [...new Set(patient.identifiers.map((identifier) => identifier.organizationId))],
  };
}
