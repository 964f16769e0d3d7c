import type { Actor } from "../auth/actor";
import { assertCan, type Action, type PatientResource, type PolicyContext } from "../auth/policy";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { isUuid, patientResource } from "./resource";

/** Loads a patient's facts and checks the actor may do `action` on them; refuses unknown ids the same way. */
export async function authorizePatient(db: Database, actor: Actor, action: Action, patientId: string, context: PolicyContext = {}): Promise<PatientResource> {
  const resource = await patientResource(db, patientId);
  if (!resource) throw new ForbiddenError();
  assertCan(actor, action, resource, context);
  return resource;
}

/**
 * Loads the facts about one study's patient and checks the actor may do `action` on that study.
 * Malformed, unknown and other patients' study ids are all refused alike.
 */
export async function authorizeStudy(db: Database, actor: Actor, action: Action, studyId: string, context: PolicyContext = {}): Promise<PatientResource & { studyId: string }> {
  if (!isUuid(studyId)) throw new ForbiddenError();
  const study = await db.study.findUnique({ where: { id: studyId }, select: { patientId: true } });
  const resource = study && (await patientResource(db, study.patientId));
  if (!resource) throw new ForbiddenError();
  const studyResource = { ...resource, studyId };
  assertCan(actor, action, studyResource, context);
  return studyResource;
}
