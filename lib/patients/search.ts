import { z } from "zod";
import type { UserActor } from "../auth/actor";
import { assertCan, can } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";

// The front desk finds a patient of its own organization by name (or MRN). Patients of other
// organizations are never in the query, and each row is checked against the policy too.

export const PATIENT_SEARCH_LIMIT = 25;

export type PatientMatch = { id: string; givenName: string; familyName: string; birthDate: Date; identifiers: string[] };

const searchText = z.string().trim().max(100);

export async function searchPatients(db: Database, actor: UserActor, rawQuery: string): Promise<PatientMatch[]> {
  const organizationId = actor.organizationId;
  if (!organizationId) throw new ForbiddenError();
  assertCan(actor, "patient.search", { type: "organization", organizationId });
  const query = searchText.parse(rawQuery);
  const words = query.split(/\s+/).filter(Boolean);
  return db.$transaction(async (tx) => {
    const patients = await tx.patient.findMany({
      where: {
        identifiers: { some: { organizationId } },
        AND: words.map((word) => ({
          OR: [
            { givenName: { contains: word, mode: "insensitive" as const } },
            { familyName: { contains: word, mode: "insensitive" as const } },
            { identifiers: { some: { organizationId, value: { equals: word, mode: "insensitive" as const } } } },
          ],
        })),
      },
      orderBy: [{ familyName: "asc" }, { givenName: "asc" }],
      take: PATIENT_SEARCH_LIMIT,
      select: { id: true, givenName: true, familyName: true, birthDate: true, userId: true, identifiers: { select: { organizationId: true, value: true } } },
    });
    const visible = patients.filter((patient) =>
      can(actor, "patient.read", { type: "patient", patientId: patient.id, accountUserId: patient.userId, organizationIds: patient.identifiers.map((identifier) => identifier.organizationId) }),
    );
    await recordAuditEvent(tx, { actor, action: "patient.search", channel: "web", detail: { query, results: visible.length } });
    return visible.map((patient) => ({
      id: patient.id,
      givenName: patient.givenName,
      familyName: patient.familyName,
      birthDate: patient.birthDate,
      identifiers: patient.identifiers.filter((identifier) => identifier.organizationId === organizationId).map((identifier) => identifier.value),
    }));
  }, AUDITED_TRANSACTION);
}
