import type { Actor } from "../auth/actor";
import { assertCan, type Action, type PatientResource, type PolicyContext } from "../auth/policy";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { patientResource } from "./resource";

/** Loads a patient's facts and checks the actor may do `action` on them; refuses unknown ids the same way. */
export async function authorizePatient(db: Database, actor: Actor, action: Action, patientId: string, context: PolicyContext = {}): Promise<PatientResource> {
  const resource = await patientResource(db, patientId);
  if (!resource) throw new ForbiddenError();
  assertCan(actor, action, resource, context);
  return resource;
}
