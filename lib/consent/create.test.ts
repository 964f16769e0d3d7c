import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { LocalBlobStore } from "../storage/local-store";
import { authorize } from "./authorize";
import { consentContentHash } from "./content";
import { recordConsentInPerson, recordPaperConsent, signConsent } from "./create";
import { InvalidConsentFieldsError, type ConsentFieldErrors } from "./input";
import { consentForm, createDesk, createDestination, createHospital, createTestPatient, pngDataUrl, signaturePng } from "./test-support";

// Signing online and recording at the desk, over the real database and blob folder: what is kept,
// what is audited, and a clear message for each kind of bad input.

const db = createPrismaClient(inject("databaseUrl"));
let storeDir: string;
let store: LocalBlobStore;
let hospital: { id: string };
let destination: { id: string };
const NOW = new Date("2026-11-30T15:00:00Z");

beforeAll(async () => {
  storeDir = await mkdtemp(path.join(os.tmpdir(), "carrier-consent-"));
  store = new LocalBlobStore(storeDir);
  hospital = await createHospital(db);
  destination = await createDestination(db);
});
afterAll(async () => {
  await db.$disconnect();
  await rm(storeDir, { recursive: true, force: true });
});

async function fieldErrors(work: Promise<unknown>): Promise<ConsentFieldErrors> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidConsentFieldsError);
  return (error as InvalidConsentFieldsError).fieldErrors;
}

describe("signing a consent online", () => {
  it("keeps what was signed with its content hash and audits the signing; authorize() then allows it", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const form = consentForm({ destinationId: destination.id, scope: "SELECTED_STUDIES", studyIds: [patient.studyIds[0]], allowDownload: "yes" });
    const created = await signConsent(db, patient.actor, patient.patientId, form, NOW);

    const stored = await db.consent.findUniqueOrThrow({ where: { id: created.id }, include: { studies: true } });
    expect(stored).toMatchObject({ patientId: patient.patientId, method: "ONLINE", signatureKind: "DRAWN", signerName: `Kim ${patient.actor.displayName.split(" ")[1]}`, signerRelationship: "self", purpose: "TREATMENT", allowDownload: true, signedAt: NOW, expiresAt: new Date("2100-01-01T00:00:00Z"), statementsVersion: "2026-11" });
    expect(stored.studies.map((study) => study.studyId)).toEqual([patient.studyIds[0]]);
    const { contentSha256, createdAt: _c, revokedAt: _r, revokedById: _b, revocationReason: _w, studies, ...columns } = stored;
    expect(contentSha256).toBe(consentContentHash(columns, studies.map((study) => study.studyId)));
    expect(await db.auditEvent.count({ where: { action: "consent.sign", entityId: created.id, actorUserId: patient.actor.userId, patientId: patient.patientId } })).toBe(1);

    const decision = await authorize(db, { patientId: patient.patientId, recipient: { kind: "destination", destinationId: destination.id }, studyIds: [patient.studyIds[0]], purpose: "TREATMENT", at: NOW });
    expect(decision).toMatchObject({ allowed: true, consentId: created.id });
  });

  it("a typed signature with its attestation, by a personal representative", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const created = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id, signatureKind: "TYPED", signatureImage: "", typedName: "Jo Parent", typedAttestation: "yes", signer: "REPRESENTATIVE", representativeName: "Jo Parent", representativeRelationship: "parent" }), NOW);
    expect(await db.consent.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ signatureKind: "TYPED", signatureText: "Jo Parent", signerName: "Jo Parent", signerRelationship: "parent", signatureImage: null });
  });

  it("a signed consent cannot be changed, only withdrawn once", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const created = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id }), NOW);
    await expect(db.consent.update({ where: { id: created.id }, data: { allowDownload: true } })).rejects.toThrow(/cannot be changed/);
    const [study] = patient.studyIds;
    await expect(db.consentStudy.create({ data: { consentId: created.id, studyId: study } })).rejects.toThrow(/studies of a signed consent cannot be changed/);
    await db.consent.update({ where: { id: created.id }, data: { revokedAt: NOW } });
    await expect(db.consent.update({ where: { id: created.id }, data: { revokedAt: null } })).rejects.toThrow(/withdrawn/);
  });

  it("bad input gets a clear message for the field at fault, and nothing is written", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const other = await createTestPatient(db, hospital.id);
    const sign = (overrides: Parameters<typeof consentForm>[0]) => signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id, ...overrides }), NOW);

    expect(await fieldErrors(sign({ signatureKind: "", signatureImage: "" }))).toEqual({ signature: "Sign the form before sending it: draw your signature or type your name." });
    expect(await fieldErrors(sign({ signatureImage: "" }))).toEqual({ signature: expect.stringMatching(/^The signature box is empty/) as string });
    expect(await fieldErrors(sign({ signatureImage: pngDataUrl(signaturePng(false)) }))).toEqual({ signature: "The signature box is empty: nothing was drawn in it. Sign in the box." });
    expect(await fieldErrors(sign({ signatureImage: "data:image/png;base64,aGVsbG8=" }))).toEqual({ signature: "The signature could not be read. Clear the box and sign again." });
    expect(await fieldErrors(sign({ signatureKind: "TYPED", signatureImage: "", typedName: "Kim", typedAttestation: "" }))).toEqual({ typedAttestation: "Check the box to say your typed name is your signature." });
    expect(await fieldErrors(sign({ expiresOn: "2026-11-29" }))).toEqual({ expiresOn: "That date has already passed. Choose today or a later day." });
    expect(await fieldErrors(sign({ expiresOn: "2026-02-30" }))).toEqual({ expiresOn: expect.stringMatching(/^Enter the last day/) as string });
    expect(await fieldErrors(sign({ scope: "SELECTED_STUDIES", studyIds: [other.studyIds[0]] }))).toEqual({ studyIds: "One of the studies you chose is not in this patient's records. Reload the page and choose again." });
    expect(await fieldErrors(sign({ scope: "SELECTED_STUDIES", studyIds: [patient.studyIds[0], other.studyIds[1]] }))).toHaveProperty("studyIds");
    expect(await fieldErrors(sign({ statementsRead: "" }))).toEqual({ statementsRead: "Check the box to say the statements were read." });
    expect(await fieldErrors(sign({ purpose: "OTHER", purposeText: " " }))).toEqual({ purposeText: "Say why they get your images." });
    expect(await fieldErrors(sign({ recipientKind: "CLINICIAN", clinicianName: "Dr. Osei", clinicianEmail: "not an email" }))).toEqual({ clinicianEmail: "Enter the doctor's email address, like name@clinic.org." });
    expect(await fieldErrors(sign({ scope: "DATE_RANGE", studiesFrom: "2026-05-01", studiesTo: "2025-01-01" }))).toEqual({ studiesTo: "The last date must be on or after the first date." });
    expect(await db.consent.count({ where: { patientId: patient.patientId } })).toBe(0);
  });

  it("only the patient signs for their own records", async () => {
    const [patient, other] = await Promise.all([createTestPatient(db, hospital.id), createTestPatient(db, hospital.id)]);
    await expect(signConsent(db, patient.actor, other.patientId, consentForm({ destinationId: destination.id }), NOW)).rejects.toThrow(ForbiddenError);
    const desk = await createDesk(db, hospital.id);
    await expect(signConsent(db, desk, patient.patientId, consentForm({ destinationId: destination.id }), NOW)).rejects.toThrow(ForbiddenError);
  });
});

describe("recording a consent at the front desk", () => {
  it("in person on the signature pad: the staff member is the witness, the ID check is kept, the patient's account sees it", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const desk = await createDesk(db, hospital.id);
    const created = await recordConsentInPerson(db, desk, patient.patientId, consentForm({ destinationId: destination.id, identityCheck: "Driver's license" }), NOW);
    expect(await db.consent.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ method: "IN_PERSON", witnessId: desk.userId, recordedById: desk.userId, identityCheck: "Driver's license", signatureKind: "DRAWN" });
    expect(await db.auditEvent.count({ where: { action: "consent.record", entityId: created.id, actorUserId: desk.userId } })).toBe(1);
    expect(await fieldErrors(recordConsentInPerson(db, desk, patient.patientId, consentForm({ destinationId: destination.id, identityCheck: "" }), NOW))).toEqual({ identityCheck: "Choose how you checked who signed." });
    // At the desk the pad is the only way: a typed name is not asked for, an empty pad is refused.
    expect(await fieldErrors(recordConsentInPerson(db, desk, patient.patientId, consentForm({ destinationId: destination.id, identityCheck: "Passport", signatureKind: "TYPED", signatureImage: "" }), NOW))).toEqual({ signature: "The signature box is empty. Ask the signer to sign in the box." });
  });

  it("from a scanned paper form: checked by its bytes, size-limited, kept under a key Carrier makes", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const desk = await createDesk(db, hospital.id);
    const paper = consentForm({ destinationId: destination.id, identityCheck: "Passport", signatureKind: "", signatureImage: "", signedOn: "2026-11-28" });
    const pdf = new File([new TextEncoder().encode("%PDF-1.4\n% a scanned form\n")], "../../etc/passwd.pdf", { type: "application/pdf" });
    const created = await recordPaperConsent(db, store, desk, patient.patientId, paper, pdf, NOW);
    const stored = await db.consent.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored).toMatchObject({ method: "PAPER_FORM", signatureKind: "SCANNED_FORM", documentMediaType: "application/pdf", signedAt: new Date("2026-11-28"), recordedById: desk.userId, witnessId: null });
    expect(stored.documentStorageKey).toMatch(/^consent-forms\/[0-9a-f]{2}\/[0-9a-f]{64}\.pdf$/);
    expect(await store.exists(stored.documentStorageKey!)).toBe(true);

    const record = (file: File | null, overrides: Parameters<typeof consentForm>[0] = {}) => recordPaperConsent(db, store, desk, patient.patientId, { ...paper, ...overrides }, file, NOW);
    expect(await fieldErrors(record(new File([new TextEncoder().encode("MZ\x90\x00 not a scan")], "form.pdf", { type: "application/pdf" })))).toEqual({ document: "This file is not a PDF, PNG or JPEG. Scan the form to one of those and choose it again." });
    expect(await fieldErrors(record(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), new Uint8Array(5_000_001)], "big.png")))).toEqual({ document: expect.stringMatching(/the limit is 5 MB/) as string });
    expect(await fieldErrors(record(null))).toEqual({ document: "Choose the scanned form: a PDF, or a photo or scan as PNG or JPEG." });
    expect(await fieldErrors(record(null, { signedOn: "" }))).toEqual({ signedOn: expect.stringMatching(/^Enter the date written/) as string, document: expect.any(String) as string });
    expect(await fieldErrors(record(pdf, { signedOn: "2026-12-01" }))).toEqual({ signedOn: "The date signed cannot be in the future." });
  });

  it("only for patients of the staff member's own organization", async () => {
    const elsewhere = await createTestPatient(db, (await createHospital(db)).id);
    const desk = await createDesk(db, hospital.id);
    await expect(recordConsentInPerson(db, desk, elsewhere.patientId, consentForm({ destinationId: destination.id, identityCheck: "Passport" }), NOW)).rejects.toThrow(ForbiddenError);
    await expect(recordConsentInPerson(db, elsewhere.actor, elsewhere.patientId, consentForm({ destinationId: destination.id, identityCheck: "Passport" }), NOW)).rejects.toThrow(ForbiddenError);
  });
});
