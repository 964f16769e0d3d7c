import "server-only";
import type { Actor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Prisma } from "../db/generated/client.ts";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";

// A patient's consents as their pages, the PDF and the FHIR resource show them. Reading them is
// reading the patient's record: the policy's patient.read, and an audit event.

export type ConsentStatus = "active" | "expired" | "revoked";

export function consentStatus(consent: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): ConsentStatus {
  if (consent.revokedAt && consent.revokedAt <= now) return "revoked";
  if (consent.expiresAt && consent.expiresAt <= now) return "expired";
  return "active";
}

const summarySelect = {
  id: true,
  patientId: true,
  scope: true,
  studiesFrom: true,
  studiesTo: true,
  recipientKind: true,
  recipientName: true,
  recipientEmail: true,
  destination: { select: { id: true, name: true } },
  recipientOrganization: { select: { id: true, name: true, homeCommunityId: true } },
  purpose: true,
  purposeText: true,
  expiresAt: true,
  expiryEvent: true,
  allowDownload: true,
  method: true,
  signerName: true,
  signerRelationship: true,
  signedAt: true,
  revokedAt: true,
  studies: { select: { study: { select: { id: true, description: true, studyDate: true, modalities: true, studyInstanceUid: true } } } },
} satisfies Prisma.ConsentSelect;

export type ConsentSummary = Prisma.ConsentGetPayload<{ select: typeof summarySelect }> & { status: ConsentStatus };

/** Who gets the images, as a person reads it. */
export function recipientLabel(consent: Pick<ConsentSummary, "recipientKind" | "recipientName" | "recipientEmail" | "destination" | "recipientOrganization">): string {
  switch (consent.recipientKind) {
    case "DESTINATION":
      return consent.destination?.name ?? "A hospital or clinic";
    case "ORGANIZATION":
      return consent.recipientOrganization?.name ?? "A hospital in the Carequality network";
    case "CLINICIAN":
      return `${consent.recipientName ?? "A doctor"}${consent.recipientEmail ? ` (${consent.recipientEmail})` : ""}`;
  }
}

export async function listConsents(db: Database, actor: Actor, patientId: string, now = new Date()): Promise<ConsentSummary[]> {
  await authorizePatient(db, actor, "patient.read", patientId);
  return db.$transaction(async (tx) => {
    const consents = await tx.consent.findMany({ where: { patientId }, orderBy: { signedAt: "desc" }, select: summarySelect });
    await recordAuditEvent(tx, { actor, action: "consent.view", patientId, entityType: "Consent", channel: "web", detail: { consents: consents.length } });
    return consents.map((consent) => ({ ...consent, status: consentStatus(consent, now) }));
  }, AUDITED_TRANSACTION);
}

const detailSelect = {
  ...summarySelect,
  statementsVersion: true,
  signatureKind: true,
  signatureImage: true,
  signatureText: true,
  identityCheck: true,
  documentStorageKey: true,
  documentMediaType: true,
  contentSha256: true,
  revocationReason: true,
  patient: { select: { givenName: true, middleName: true, familyName: true, birthDate: true } },
  witness: { select: { name: true } },
  recordedBy: { select: { name: true, organization: { select: { name: true } } } },
  revokedBy: { select: { name: true, role: true } },
  transfers: {
    orderBy: { queuedAt: "desc" },
    select: { id: true, status: true, cancelReason: true, queuedAt: true, finishedAt: true, study: { select: { description: true } }, destination: { select: { name: true } } },
  },
} satisfies Prisma.ConsentSelect;

export type ConsentDetail = Prisma.ConsentGetPayload<{ select: typeof detailSelect }> & {
  status: ConsentStatus;
  /** The audit event that recorded the signing: the PDF's audit reference. */
  signingEvent: { id: bigint; hash: string; occurredAt: Date } | null;
};

/** One consent, refused alike when it does not exist or is another patient's that the actor may not read. */
export async function openConsent(db: Database, actor: Actor, consentId: string, now = new Date()): Promise<ConsentDetail> {
  if (!isUuid(consentId)) throw new ForbiddenError();
  const owner = await db.consent.findUnique({ where: { id: consentId }, select: { patientId: true } });
  if (!owner) throw new ForbiddenError();
  await authorizePatient(db, actor, "patient.read", owner.patientId);
  return db.$transaction(async (tx) => {
    const consent = await tx.consent.findUniqueOrThrow({ where: { id: consentId }, select: detailSelect });
    const signingEvent = await tx.auditEvent.findFirst({
      where: { entityType: "Consent", entityId: consentId, action: { in: ["consent.sign", "consent.record"] } },
      orderBy: { id: "asc" },
      select: { id: true, hash: true, occurredAt: true },
    });
    await recordAuditEvent(tx, { actor, action: "consent.view", patientId: consent.patientId, entityType: "Consent", entityId: consentId, channel: "web" });
    return { ...consent, status: consentStatus(consent, now), signingEvent };
  }, AUDITED_TRANSACTION);
}
