import "server-only";
import QRCode from "qrcode";
import type { UserActor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import { authorize } from "../consent/authorize";
import { insertConsent, prepareSignedConsent } from "../consent/create";
import { InvalidConsentFieldsError } from "../consent/input";
import type { PreparedConsent } from "../consent/create";
import type { Database } from "../db/prisma";
import { sendEmail } from "../email/mailer";
import { shareInvitationEmail } from "../email/templates";
import { authorizePatient } from "../patients/load";
import { consentValuesForShare, parseShareSettings } from "./input";
import type { ShareFormValues, ShareSettings } from "./input";
import { newPin, newShareToken } from "./secrets";

// A patient (or the desk, with the patient there to sign) shares studies with a doctor: one step
// records the consent that allows it and makes the link, in one transaction that also asks
// authorize(), so a link never exists without the permission behind it. The link and the PIN are
// shown once (only their hashes are kept); the link is emailed to the doctor, and the PIN is the
// patient's to send another way.

export type CreatedShare = {
  id: string;
  url: string;
  /** Null when the link is opened with the patient's birth date. */
  pin: string | null;
  qrSvg: string;
  emailed: boolean;
  recipientName: string;
  expiresAt: Date;
};

export type ShareContext = { publicUrl: string; now?: Date };

async function checkedSettings(db: Database, actor: UserActor, patientId: string, values: ShareFormValues, method: "ONLINE" | "IN_PERSON", now: Date): Promise<{ consent: PreparedConsent; settings: ShareSettings }> {
  const { settings, errors } = parseShareSettings(values);
  let consent: PreparedConsent | undefined;
  try {
    consent = await prepareSignedConsent(db, actor, patientId, consentValuesForShare(values, settings, now), method, now);
  } catch (error) {
    // Every field at fault at once: the consent's and the link's.
    if (error instanceof InvalidConsentFieldsError) throw new InvalidConsentFieldsError({ ...error.fieldErrors, ...errors });
    throw error;
  }
  if (!settings) throw new InvalidConsentFieldsError(errors);
  return { consent, settings };
}

export async function createShare(db: Database, actor: UserActor, patientId: string, values: ShareFormValues, context: ShareContext): Promise<CreatedShare> {
  const now = context.now ?? new Date();
  await authorizePatient(db, actor, "study.share", patientId);
  const method = actor.role === "PATIENT" ? "ONLINE" : "IN_PERSON";
  const { consent, settings } = await checkedSettings(db, actor, patientId, values, method, now);
  const { data } = consent;
  const studyIds = consent.studyIds;
  const pin = settings.check === "PIN" ? newPin() : null;
  const { token, tokenHash } = newShareToken();
  const pinHash = pin ? await hashPassword(pin) : null;

  const share = await db.$transaction(async (tx) => {
    const written = await insertConsent(tx, actor, consent);
    const link = await tx.shareLink.create({
      data: {
        patientId,
        createdById: actor.userId,
        consentId: written.id,
        tokenHash,
        recipientName: data.recipientName!,
        recipientEmail: data.recipientEmail,
        purpose: data.purpose,
        message: settings.message,
        check: settings.check,
        pinHash,
        allowDownload: data.allowDownload,
        notifyOnOpen: settings.notifyOnOpen,
        expiresAt: data.expiresAt!,
        studies: { create: studyIds.map((studyId) => ({ studyId })) },
      },
      select: { id: true, expiresAt: true },
    });
    const decision = await authorize(tx, { patientId, recipient: { kind: "share-link", shareLinkId: link.id }, studyIds, purpose: data.purpose, at: now, download: data.allowDownload });
    if (!decision.allowed) throw new Error(`a share link was refused by the consent made with it: ${decision.message}`);
    await recordAuditEvent(tx, {
      actor,
      action: "share.create",
      patientId,
      studyIds,
      entityType: "ShareLink",
      entityId: link.id,
      purposeOfUse: data.purpose,
      channel: "web",
      detail: { consentId: written.id, check: settings.check, allowDownload: data.allowDownload, expiresAt: link.expiresAt.toISOString() },
    });
    return link;
  }, AUDITED_TRANSACTION);

  const url = `${context.publicUrl}/s/${token}`;
  const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId }, select: { givenName: true, familyName: true } });
  // The share stands even if the email does not go: the patient can copy the link from the page.
  const emailed = await sendEmail({ to: data.recipientEmail!, ...shareInvitationEmail({ patientName: `${patient.givenName} ${patient.familyName}`, url, expiresAt: share.expiresAt, message: settings.message, check: settings.check }) })
    .then(() => true)
    .catch((error: unknown) => {
      console.error("[shares] could not email the link:", error);
      return false;
    });
  const qrSvg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { id: share.id, url, pin, qrSvg, emailed, recipientName: data.recipientName!, expiresAt: share.expiresAt };
}
