import "server-only";
import type { UserActor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import { authorize } from "../consent/authorize";
import { insertConsent, prepareSignedConsent } from "../consent/create";
import type { ConsentFormValues } from "../consent/input";
import { InvalidConsentFieldsError } from "../consent/input";
import { revokeConsent } from "../consent/revoke";
import type { Database } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import { consentValuesForShare, SHARE_DAYS } from "./input";
import type { ShareFormValues } from "./input";

// What the patient (or the desk for them) does with a link once made: turn it off, give it more
// time, or stop the email sent at each open. A link lives on the consent made with it: turning it
// off withdraws that consent, and more time is a new consent (a signed one never changes).

const LINK = { id: true, patientId: true, consentId: true, revokedAt: true, expiresAt: true, recipientName: true, recipientEmail: true, purpose: true, allowDownload: true, studies: { select: { studyId: true } }, consent: { select: { purposeText: true } } } as const;

async function ownedLink(db: Database, actor: UserActor, shareId: string) {
  if (!isUuid(shareId)) throw new ForbiddenError();
  const link = await db.shareLink.findUnique({ where: { id: shareId }, select: LINK });
  if (!link) throw new ForbiddenError();
  await authorizePatient(db, actor, "study.share", link.patientId);
  return link;
}

function assertLive(link: { revokedAt: Date | null; expiresAt: Date }, now: Date) {
  if (link.revokedAt) throw new InvalidInputError("This link is already turned off. Make a new one to share again.");
  if (link.expiresAt <= now) throw new InvalidInputError("This link has ended. Make a new one to share again.");
}

/** Turns a link off now, by withdrawing the consent it was made under; the recipient's next request is refused. */
export async function turnOffShare(db: Database, actor: UserActor, shareId: string, now = new Date()): Promise<void> {
  const link = await ownedLink(db, actor, shareId);
  assertLive(link, now);
  await revokeConsent(db, actor, link.consentId, "The shared link was turned off.", now);
}

export async function setShareNotices(db: Database, actor: UserActor, shareId: string, notifyOnOpen: boolean): Promise<void> {
  const link = await ownedLink(db, actor, shareId);
  await db.$transaction(async (tx) => {
    await tx.shareLink.update({ where: { id: link.id }, data: { notifyOnOpen } });
    await recordAuditEvent(tx, { actor, action: "share.settings", patientId: link.patientId, entityType: "ShareLink", entityId: link.id, channel: "web", detail: { notifyOnOpen } });
  }, AUDITED_TRANSACTION);
}

/**
 * Gives a live link more time: the patient signs a new consent with the same terms and the new
 * last day, the link moves onto it, and the old consent is withdrawn as replaced.
 */
export async function extendShare(db: Database, actor: UserActor, shareId: string, signing: ConsentFormValues & { days: string }, now = new Date()): Promise<{ expiresAt: Date }> {
  const link = await ownedLink(db, actor, shareId);
  assertLive(link, now);
  const days = Number(signing.days);
  if (!(SHARE_DAYS as readonly number[]).includes(days)) throw new InvalidConsentFieldsError({ expiresOn: "Choose how much longer the link works: 7, 14, 30 or 90 days." });
  const terms: ShareFormValues = {
    ...signing,
    studyIds: link.studies.map((study) => study.studyId),
    clinicianName: link.recipientName,
    clinicianEmail: link.recipientEmail ?? "",
    purpose: link.purpose,
    purposeText: link.consent.purposeText ?? "",
    allowDownload: link.allowDownload ? "yes" : "",
    check: "",
    notifyOnOpen: "",
    message: "",
  };
  const consent = await prepareSignedConsent(db, actor, link.patientId, consentValuesForShare(terms, { days }, now), actor.role === "PATIENT" ? "ONLINE" : "IN_PERSON", now);
  const expiresAt = consent.data.expiresAt!;
  await db.$transaction(async (tx) => {
    const written = await insertConsent(tx, actor, consent);
    await tx.shareLink.update({ where: { id: link.id }, data: { consentId: written.id, expiresAt } });
    const decision = await authorize(tx, { patientId: link.patientId, recipient: { kind: "share-link", shareLinkId: link.id }, studyIds: consent.studyIds, purpose: link.purpose, at: now, download: link.allowDownload });
    if (!decision.allowed) throw new Error(`an extended share link was refused by its new consent: ${decision.message}`);
    await recordAuditEvent(tx, { actor, action: "share.extend", patientId: link.patientId, studyIds: consent.studyIds, entityType: "ShareLink", entityId: link.id, channel: "web", detail: { consentId: written.id, expiresAt: expiresAt.toISOString() } });
  }, AUDITED_TRANSACTION);
  await revokeConsent(db, actor, link.consentId, "Replaced by a new permission that gives the shared link more time.", now);
  return { expiresAt };
}
