import "server-only";
import { randomUUID } from "node:crypto";
import type { UserActor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { AuditTransaction } from "../audit/record";
import type { ConsentMethod } from "../db/generated/enums.ts";
import type { Database } from "../db/prisma";
import { authorizePatient } from "../patients/load";
import type { BlobStore } from "../storage/blob-store";
import { consentContentHash, type SignedConsentColumns } from "./content";
import { InvalidConsentFieldsError, parseConsentForm, type ConsentFormValues, type ConsentTerms, type ParsedConsent } from "./input";
import { NO_SCANNED_FORM, storeScannedForm } from "./scanned-form";
import { assertSignatureHasInk } from "./signature-ink";
import { CURRENT_STATEMENTS } from "./wording";

// A consent comes into being signed: online by the patient (or their representative), or recorded
// by the front desk in person (signature pad, staff as witness) or from a scanned paper form. Every
// id the form sent is checked against this patient's own records before anything is written, and
// the consent, its studies and its audit event are written together.

export type CreatedConsent = { id: string; contentSha256: string };

async function checkAgainstRecords(db: Database, patientId: string, terms: ConsentTerms): Promise<void> {
  if (terms.scope.kind === "SELECTED_STUDIES") {
    const owned = await db.study.count({ where: { id: { in: terms.scope.studyIds }, patientId } });
    if (owned !== terms.scope.studyIds.length) throw new InvalidConsentFieldsError({ studyIds: "One of the studies you chose is not in this patient's records. Reload the page and choose again." });
  }
  if (terms.recipient.kind === "DESTINATION") {
    const found = await db.destination.count({ where: { id: terms.recipient.destinationId, active: true } });
    if (found !== 1) throw new InvalidConsentFieldsError({ destinationId: "That hospital or clinic is not in Carrier's list any more. Reload the page and choose again." });
  }
  if (terms.recipient.kind === "ORGANIZATION") {
    const found = await db.organization.count({ where: { id: terms.recipient.organizationId, homeCommunityId: { not: null } } });
    if (found !== 1) throw new InvalidConsentFieldsError({ organizationId: "That hospital is not in the Carequality network list. Reload the page and choose again." });
  }
}

type Signing = {
  method: ConsentMethod;
  signedAt: Date;
  recordedById: string | null;
  witnessId: string | null;
  document: { storageKey: string; mediaType: string } | null;
};

function columns(id: string, patientId: string, parsed: ParsedConsent, signing: Signing): SignedConsentColumns {
  const { terms, signer, signature } = parsed;
  const recipient = terms.recipient;
  return {
    id,
    patientId,
    scope: terms.scope.kind,
    studiesFrom: terms.scope.kind === "DATE_RANGE" ? terms.scope.from : null,
    studiesTo: terms.scope.kind === "DATE_RANGE" ? terms.scope.to : null,
    recipientKind: recipient.kind,
    destinationId: recipient.kind === "DESTINATION" ? recipient.destinationId.toLowerCase() : null,
    recipientOrganizationId: recipient.kind === "ORGANIZATION" ? recipient.organizationId.toLowerCase() : null,
    recipientName: recipient.kind === "CLINICIAN" ? recipient.name : null,
    recipientEmail: recipient.kind === "CLINICIAN" ? recipient.email : null,
    purpose: terms.purpose,
    purposeText: terms.purposeText,
    expiresAt: terms.expiry.kind === "DATE" ? terms.expiry.expiresAt : null,
    expiryEvent: terms.expiry.kind === "EVENT" ? terms.expiry.event : null,
    allowDownload: terms.allowDownload,
    method: signing.method,
    signatureKind: signature.kind,
    signatureImage: signature.kind === "DRAWN" ? new Uint8Array(signature.png) : null,
    signatureText: signature.kind === "TYPED" ? signature.text : null,
    signerName: signer.name,
    signerRelationship: signer.relationship,
    signedAt: signing.signedAt,
    statementsVersion: CURRENT_STATEMENTS,
    recordedById: signing.recordedById,
    witnessId: signing.witnessId,
    identityCheck: parsed.identityCheck,
    documentStorageKey: signing.document?.storageKey ?? null,
    documentMediaType: signing.document?.mediaType ?? null,
  };
}

/** A consent checked and ready to write, with the audit action its writing records. */
export type PreparedConsent = { data: SignedConsentColumns; studyIds: string[]; action: "consent.sign" | "consent.record" };

function prepared(parsed: ParsedConsent, data: SignedConsentColumns, action: PreparedConsent["action"]): PreparedConsent {
  const studyIds = parsed.terms.scope.kind === "SELECTED_STUDIES" ? parsed.terms.scope.studyIds.map((id) => id.toLowerCase()) : [];
  return { data, studyIds, action };
}

/** Writes a prepared consent, its studies and its audit event in the caller's transaction (a share link is made in the same one). */
export async function insertConsent(tx: AuditTransaction, actor: UserActor, consent: PreparedConsent): Promise<CreatedConsent> {
  const { data, studyIds, action } = consent;
  const contentSha256 = consentContentHash(data, studyIds);
  await tx.consent.create({ data: { ...data, contentSha256, studies: { create: studyIds.map((studyId) => ({ studyId })) } } });
  await recordAuditEvent(tx, {
    actor,
    action,
    patientId: data.patientId,
    studyIds,
    entityType: "Consent",
    entityId: data.id,
    purposeOfUse: data.purpose,
    channel: "web",
    detail: { method: data.method, signatureKind: data.signatureKind, contentSha256, scope: data.scope },
  });
  return { id: data.id, contentSha256 };
}

function writeConsent(db: Database, actor: UserActor, consent: PreparedConsent): Promise<CreatedConsent> {
  return db.$transaction((tx) => insertConsent(tx, actor, consent), AUDITED_TRANSACTION);
}

async function patientName(db: Database, patientId: string): Promise<string> {
  const patient = await db.patient.findUniqueOrThrow({ where: { id: patientId }, select: { givenName: true, middleName: true, familyName: true } });
  return [patient.givenName, patient.middleName, patient.familyName].filter(Boolean).join(" ");
}

/**
 * Checks a consent signed now, online by the patient (or their representative, in their account)
 * or in person at the front desk (signature pad, staff as witness), and makes it ready to write.
 */
export async function prepareSignedConsent(db: Database, actor: UserActor, patientId: string, values: ConsentFormValues, method: "ONLINE" | "IN_PERSON", now = new Date()): Promise<PreparedConsent> {
  await authorizePatient(db, actor, method === "ONLINE" ? "consent.sign" : "consent.record", patientId);
  const parsed = parseConsentForm(values, { now, method, patientName: await patientName(db, patientId) });
  if (parsed.signature.kind === "DRAWN") assertSignatureHasInk(parsed.signature.png);
  await checkAgainstRecords(db, patientId, parsed.terms);
  const staff = method === "IN_PERSON" ? actor.userId : null;
  const data = columns(randomUUID(), patientId, parsed, { method, signedAt: now, recordedById: staff, witnessId: staff, document: null });
  return prepared(parsed, data, method === "ONLINE" ? "consent.sign" : "consent.record");
}

/** The patient (or their representative, in their account) signs online. */
export async function signConsent(db: Database, actor: UserActor, patientId: string, values: ConsentFormValues, now = new Date()): Promise<CreatedConsent> {
  return writeConsent(db, actor, await prepareSignedConsent(db, actor, patientId, values, "ONLINE", now));
}

/** Front desk staff record a consent signed in front of them on the signature pad; they are its witness. */
export async function recordConsentInPerson(db: Database, actor: UserActor, patientId: string, values: ConsentFormValues, now = new Date()): Promise<CreatedConsent> {
  return writeConsent(db, actor, await prepareSignedConsent(db, actor, patientId, values, "IN_PERSON", now));
}

/** Front desk staff record a consent the patient signed on paper, with the scanned form kept beside it. */
export async function recordPaperConsent(db: Database, store: BlobStore, actor: UserActor, patientId: string, values: ConsentFormValues, scannedForm: File | null, now = new Date()): Promise<CreatedConsent> {
  await authorizePatient(db, actor, "consent.record", patientId);
  let parsed: ParsedConsent;
  try {
    parsed = parseConsentForm(values, { now, method: "PAPER_FORM", patientName: await patientName(db, patientId) });
  } catch (error) {
    // Say everything that is missing at once, the scanned form included.
    if (error instanceof InvalidConsentFieldsError && !scannedForm?.size) throw new InvalidConsentFieldsError({ ...error.fieldErrors, document: NO_SCANNED_FORM });
    throw error;
  }
  await checkAgainstRecords(db, patientId, parsed.terms);
  const document = await storeScannedForm(store, scannedForm);
  const data = columns(randomUUID(), patientId, parsed, { method: "PAPER_FORM", signedAt: parsed.signedOn ?? now, recordedById: actor.userId, witnessId: null, document });
  return writeConsent(db, actor, prepared(parsed, data, "consent.record"));
}
