import type { UserActor } from "../auth/actor";
import { MIN_REASON_LENGTH } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { ACCESS_MINUTES } from "./access-minutes";
import { authorizePatient } from "./load";

// An administrator opens one patient's data by saying why. The reason is kept on their session
// for a short while; the policy lets them read that patient's record, studies and images while it
// lasts (DICOMweb included, which cannot carry a reason itself); every read is audited with the
// reason, and the patient sees it in their accounting of disclosures.

const MAX_REASON_LENGTH = 500;

/** Records the reason and returns the actor as it now is, with the patient opened. */
export async function openWithReason(db: Database, actor: UserActor, patientId: string, reason: string, now = new Date()): Promise<UserActor> {
  const stated = reason.replace(/\s+/g, " ").trim();
  if (stated.length < MIN_REASON_LENGTH) throw new InvalidInputError(`Say why you need to see this patient's data, in at least ${MIN_REASON_LENGTH} characters.`);
  if (stated.length > MAX_REASON_LENGTH) throw new InvalidInputError(`Keep the reason under ${MAX_REASON_LENGTH} characters.`);
  // The reason lives on a session: signing out ends it.
  if (!actor.sessionId) throw new ForbiddenError();
  await authorizePatient(db, actor, "patient.read", patientId, { reason: stated });
  const opened: UserActor = { ...actor, accessReasons: { ...actor.accessReasons, [patientId]: stated } };
  await db.$transaction(async (tx) => {
    await tx.patientAccessReason.create({ data: { sessionId: actor.sessionId!, patientId, reason: stated, expiresAt: new Date(now.getTime() + ACCESS_MINUTES * 60_000) } });
    await recordAuditEvent(tx, { actor: opened, action: "patient.open-with-reason", patientId, channel: "web", detail: { minutes: ACCESS_MINUTES } });
  }, AUDITED_TRANSACTION);
  return opened;
}
