import "server-only";
import type { UserActor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import { forgetShareLinks } from "../shares/open";

// Withdrawing a consent (the patient, or the front desk for them). In one transaction: the consent
// is marked revoked, the transfers that depended on it and had not finished are canceled with the
// reason, the live share links it backed are ended, and the audit trail says so. A transfer being
// created under it at the same moment waits for this (lib/consent/authorize.ts holds the row) and
// is then canceled too, or sees the revocation and is refused.

export const CANCELED_BY_REVOCATION = "Stopped: the permission to send it was withdrawn.";

export type Revocation = { consentId: string; revokedAt: Date; transfersCanceled: number; shareLinksEnded: number };

const MAX_REASON = 500;

export async function revokeConsent(db: Database, actor: UserActor, consentId: string, reason = "", now = new Date()): Promise<Revocation> {
  if (!isUuid(consentId)) throw new ForbiddenError();
  const consent = await db.consent.findUnique({ where: { id: consentId }, select: { patientId: true } });
  if (!consent) throw new ForbiddenError();
  await authorizePatient(db, actor, "consent.revoke", consent.patientId);
  const revocationReason = reason.trim().slice(0, MAX_REASON) || null;

  const revocation = await db.$transaction(async (tx) => {
    const revoked = await tx.consent.updateMany({ where: { id: consentId, revokedAt: null }, data: { revokedAt: now, revokedById: actor.userId, revocationReason } });
    if (revoked.count === 0) throw new InvalidInputError("This permission was already withdrawn. Nothing more to do.");

    const transfers = await tx.transfer.findMany({ where: { consentId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true, studyId: true } });
    const transferIds = transfers.map((transfer) => transfer.id);
    await tx.transfer.updateMany({ where: { id: { in: transferIds }, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELED", cancelReason: CANCELED_BY_REVOCATION, finishedAt: now } });
    await tx.transferAttempt.updateMany({ where: { transferId: { in: transferIds }, outcome: "RUNNING" }, data: { outcome: "CANCELED", finishedAt: now, error: CANCELED_BY_REVOCATION } });

    const links = await tx.shareLink.findMany({ where: { consentId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } });
    const shareLinkIds = links.map((link) => link.id);
    await tx.shareLink.updateMany({ where: { id: { in: shareLinkIds } }, data: { revokedAt: now } });

    const studies = await tx.consentStudy.findMany({ where: { consentId }, select: { studyId: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "consent.revoke",
      patientId: consent.patientId,
      studyIds: [...new Set([...studies.map((study) => study.studyId), ...transfers.map((transfer) => transfer.studyId)])],
      entityType: "Consent",
      entityId: consentId,
      channel: "web",
      detail: { transfersCanceled: transferIds, shareLinksEnded: shareLinkIds, ...(revocationReason ? { reason: revocationReason } : {}) },
    });
    return { consentId, revokedAt: now, transfersCanceled: transferIds.length, shareLinksEnded: shareLinkIds.length, shareLinkIds };
  }, AUDITED_TRANSACTION);
  // Sessions of the ended links are refused from their next request on, not after a re-check.
  forgetShareLinks(revocation.shareLinkIds);
  const { shareLinkIds: _ended, ...result } = revocation;
  return result;
}
