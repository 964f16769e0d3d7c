import type { Actor } from "../auth/actor";
import { can } from "../auth/policy";
import type { Action } from "../auth/policy";
import { Prisma } from "../db/generated/client";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";

// Which studies a DICOMweb caller may reach. A query first narrows to the holdings the actor could
// possibly see (so a search never scans other patients' rows), then every study it returns is put
// to the policy, which alone decides. The narrowing must never be wider than the policy needs, and
// when it is narrower a study is merely not found.

const organizationPatients = (organizationId: string): Prisma.StudyWhereInput => ({ patient: { identifiers: { some: { organizationId } } } });

/** The studies worth asking the policy about; null when the actor can see none over DICOMweb. */
export function holdingsFilter(actor: Actor): Prisma.StudyWhereInput | null {
  switch (actor.kind) {
    case "system":
      return {};
    case "share-recipient":
      return { patientId: actor.patientId, id: { in: [...actor.studyIds] } };
    case "api-key":
      return organizationPatients(actor.organizationId);
    case "user":
      if (actor.role === "PATIENT") return { patient: { userId: actor.userId } };
      if (actor.role === "FRONT_DESK" && actor.organizationId) return organizationPatients(actor.organizationId);
      // Admins reach the patients they opened on this session with a stated reason (a DICOMweb
      // request cannot carry one); clinicians see studies through share grants, not over DICOMweb.
      if (actor.role === "ADMIN" && actor.accessReasons) return { patientId: { in: Object.keys(actor.accessReasons) } };
      return null;
  }
}

/**
 * holdingsFilter as a SQL condition, for the hot lookups written as one raw query (a Prisma query
 * with nested selects costs one round trip per table). Over `patient` (a "Patient" row) and
 * `study` (a "Study" row); the same narrowing, so it too must never be wider than the policy needs.
 */
export function holdingsCondition(actor: Actor): Prisma.Sql | null {
  const inOrganization = (organizationId: string) => Prisma.sql`EXISTS (SELECT 1 FROM "PatientIdentifier" held WHERE held."patientId" = patient.id AND held."organizationId" = ${organizationId}::uuid)`;
  switch (actor.kind) {
    case "system":
      return Prisma.sql`TRUE`;
    case "share-recipient":
      return Prisma.sql`patient.id = ${actor.patientId}::uuid AND study.id = ANY(${[...actor.studyIds]}::uuid[])`;
    case "api-key":
      return inOrganization(actor.organizationId);
    case "user":
      if (actor.role === "PATIENT") return Prisma.sql`patient."userId" = ${actor.userId}::uuid`;
      if (actor.role === "FRONT_DESK" && actor.organizationId) return inOrganization(actor.organizationId);
      if (actor.role === "ADMIN" && actor.accessReasons) return Prisma.sql`patient.id = ANY(${Object.keys(actor.accessReasons)}::uuid[])`;
      return null;
  }
}

type StudyRef = { id: string; patientId: string };

/** What the policy needs to know about a study's patient, as a query can select it alongside the study. */
export const PATIENT_FACTS = { select: { userId: true, identifiers: { select: { organizationId: true } } } } as const;
type PatientFacts = { userId: string | null; identifiers: { organizationId: string }[] };

/** Whether the actor may `action` this study, from its patient's facts loaded with it. */
export function mayOnStudy(actor: Actor, action: Action, study: StudyRef, patient: PatientFacts): boolean {
  const organizationIds = [...new Set(patient.identifiers.map((item) => item.organizationId))];
  return can(actor, action, { type: "patient", patientId: study.patientId, studyId: study.id, accountUserId: patient.userId, organizationIds });
}

/** The studies of `studies` that the actor may `action`, in the same order. */
export async function permittedStudies<T extends StudyRef>(db: Database, actor: Actor, action: Action, studies: readonly T[]): Promise<T[]> {
  if (studies.length === 0) return [];
  const patientIds = [...new Set(studies.map((study) => study.patientId))];
  const patients = await db.patient.findMany({ where: { id: { in: patientIds } }, select: { id: true, ...PATIENT_FACTS.select } });
  const facts = new Map(patients.map((patient) => [patient.id, patient]));
  return studies.filter((study) => {
    const patient = facts.get(study.patientId);
    return patient !== undefined && mayOnStudy(actor, action, study, patient);
  });
}

/**
 * The study with this Study Instance UID that the actor may `action`. UIDs are unique per patient's
 * holdings, not across Carrier: when a caller may see two patients' copies, the first one filed
 * answers. Refuses unknown and foreign UIDs alike.
 */
export async function reachableStudy(db: Database, actor: Actor, action: Action, studyInstanceUid: string): Promise<StudyRef & { studyInstanceUid: string }> {
  const filter = holdingsFilter(actor);
  if (!filter) throw new ForbiddenError();
  const candidates = await db.study.findMany({
    where: { AND: [filter, { studyInstanceUid }] },
    orderBy: { createdAt: "asc" },
    select: { id: true, patientId: true, studyInstanceUid: true },
    take: 10,
  });
  const [study] = await permittedStudies(db, actor, action, candidates);
  if (!study) throw new ForbiddenError();
  return study;
}
