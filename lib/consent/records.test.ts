import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { LocalBlobStore } from "../storage/local-store";
import { recordPaperConsent, signConsent } from "./create";
import { toFhirConsent } from "./fhir";
import { listConsents, openConsent } from "./read";
import { revokeConsent } from "./revoke";
import { signedConsentPdf } from "./signed-pdf";
import { consentForm, createDesk, createDestination, createHospital, createTestPatient, signaturePng } from "./test-support";

// A signed consent's records: the PDF (read back with poppler's pdftotext, as a person would read
// it), the FHIR R4 Consent, the patient's list by status; and nobody reads another patient's.

const db = createPrismaClient(inject("databaseUrl"));
let dir: string;
let store: LocalBlobStore;
let hospital: { id: string };
let destination: { id: string; name: string };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "carrier-consent-records-"));
  store = new LocalBlobStore(path.join(dir, "store"));
  hospital = await createHospital(db);
  destination = await createDestination(db);
});
afterAll(async () => {
  await db.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

async function pdfText(bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, `${crypto.randomUUID()}.pdf`);
  await writeFile(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

describe("consent records", () => {
  it("the PDF carries the terms, the statements, the signature, the content hash and the audit reference", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const created = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id, scope: "SELECTED_STUDIES", studyIds: [patient.studyIds[0]], purpose: "SECOND_OPINION" }));
    const { bytes, filename } = await signedConsentPdf(db, store, patient.actor, created.id);
    expect(filename).toMatch(/^carrier-consent-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/);
    const text = await pdfText(bytes);
    const signing = await db.auditEvent.findFirstOrThrow({ where: { action: "consent.sign", entityId: created.id } });
    for (const expected of ["Authorization to release medical images", `Patient: Kim ${patient.actor.displayName.split(" ")[1]}, born September 14, 1975`, `Who gets them: ${destination.name}`, "Why: For a second opinion", "Until: Good through December 31, 2099", "CT HEAD, March 10, 2025, CT", "You can take back this permission at any time", "federal privacy law (HIPAA) may no longer protect them", "You do not have to sign.", "Signed online in Carrier", `Content SHA-256: ${created.contentSha256}`, `Audit reference: event ${signing.id.toString()}`, signing.hash]) {
      expect(text).toContain(expected);
    }
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getKeywords()).toContain(`sha256:${created.contentSha256}`);
    expect(await db.auditEvent.count({ where: { action: "consent.view", entityId: created.id } })).toBe(1);
  });

  it("a paper form's scan is appended to the PDF; a withdrawn consent says so", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const desk = await createDesk(db, hospital.id);
    const scan = new File([new Uint8Array(signaturePng(true, 400, 500))], "scan.png");
    const created = await recordPaperConsent(db, store, desk, patient.patientId, consentForm({ destinationId: destination.id, identityCheck: "Passport", signatureKind: "", signatureImage: "", signedOn: "2026-11-28" }), scan, new Date("2026-11-30T10:00:00Z"));
    await revokeConsent(db, desk, created.id, "Patient called");
    const { bytes } = await signedConsentPdf(db, store, patient.actor, created.id);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
    const text = await pdfText(bytes);
    expect(text).toContain("WITHDRAWN on");
    expect(text).toContain(`Recorded by: ${desk.displayName}`);
    expect(text).toContain("Identity checked with: Passport");
    expect(text).toContain("Signed on a paper form, scanned at the front desk");
  });

  it("maps to a FHIR R4 Consent", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const created = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id, scope: "DATE_RANGE", studiesFrom: "2025-01-01", studiesTo: "2025-12-31", expiry: "EVENT", expiresOn: "", expiryEvent: "when my treatment ends", allowDownload: "yes" }));
    const resource = toFhirConsent(await openConsent(db, patient.actor, created.id), "http://carrier.test");
    expect(resource).toMatchObject({
      resourceType: "Consent",
      id: created.id,
      status: "active",
      patient: { reference: `Patient/${patient.patientId}` },
      identifier: [{ value: created.contentSha256 }],
      sourceAttachment: { contentType: "application/pdf", url: `http://carrier.test/api/consents/${created.id}/pdf` },
      provision: { type: "permit", dataPeriod: { start: "2025-01-01", end: "2025-12-31" }, purpose: [{ code: "TREAT" }], actor: [{ reference: { display: destination.name } }] },
      extension: [{ url: "urn:carrier:fhir:consent-expiry-event", valueString: "when my treatment ends" }],
    });
    expect(resource.provision.action.map((action) => action.coding?.[0]?.code)).toEqual(["disclose", "access", "use"]);
    expect(resource.provision.period.end).toBeUndefined();
  });

  it("the patient's list sorts active, expired and withdrawn consents", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const active = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id }));
    const withdrawn = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id }));
    await revokeConsent(db, patient.actor, withdrawn.id);
    const expired = await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id, expiresOn: "2026-11-30" }), new Date("2026-11-30T09:00:00Z"));
    const statuses = new Map((await listConsents(db, patient.actor, patient.patientId, new Date("2026-12-02T00:00:00Z"))).map((consent) => [consent.id, consent.status]));
    expect(statuses).toEqual(new Map([[active.id, "active"], [withdrawn.id, "revoked"], [expired.id, "expired"]]));
  });

  it("another patient's consent id is refused for reading, the PDF and FHIR alike", async () => {
    const [patient, other] = await Promise.all([createTestPatient(db, hospital.id), createTestPatient(db, hospital.id)]);
    const theirs = await signConsent(db, other.actor, other.patientId, consentForm({ destinationId: destination.id }));
    await expect(openConsent(db, patient.actor, theirs.id)).rejects.toThrow(ForbiddenError);
    await expect(signedConsentPdf(db, store, patient.actor, theirs.id)).rejects.toThrow(ForbiddenError);
    await expect(listConsents(db, patient.actor, other.patientId)).rejects.toThrow(ForbiddenError);
    const elsewhereDesk = await createDesk(db, (await createHospital(db)).id);
    await expect(openConsent(db, elsewhereDesk, theirs.id)).rejects.toThrow(ForbiddenError);
  });
});
