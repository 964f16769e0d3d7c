import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Prisma } from "../db/generated/client.ts";
import { createPrismaClient } from "../db/prisma";
import { authorize, type DisclosureRequest } from "./authorize";
import { createDestination, createHospital, createTestPatient, type TestPatient } from "./test-support";

// authorize() over the real database: which consent allows a disclosure, at which instant, and
// every way one does not.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const SIGNED = new Date("2026-06-01T12:00:00Z");
const EXPIRES = new Date("2026-09-01T00:00:00Z");
let hospital: { id: string };
let destination: { id: string };
let otherDestination: { id: string };

beforeAll(async () => {
  hospital = await createHospital(db);
  [destination, otherDestination] = await Promise.all([createDestination(db), createDestination(db)]);
});

async function consent(patient: TestPatient, data: Partial<Prisma.ConsentUncheckedCreateInput> = {}, studyIds: string[] = []) {
  return db.consent.create({
    data: {
      patientId: patient.patientId,
      scope: studyIds.length ? "SELECTED_STUDIES" : "ALL_STUDIES",
      recipientKind: "DESTINATION",
      destinationId: destination.id,
      purpose: "TREATMENT",
      expiresAt: EXPIRES,
      method: "ONLINE",
      signatureKind: "TYPED",
      signatureText: "Kim",
      signerName: "Kim",
      signedAt: SIGNED,
      statementsVersion: "2026-11",
      ...data,
      studies: { create: studyIds.map((studyId) => ({ studyId })) },
    },
  });
}

function ask(patient: TestPatient, request: Partial<DisclosureRequest> = {}) {
  return authorize(db, { patientId: patient.patientId, recipient: { kind: "destination", destinationId: destination.id }, studyIds: patient.studyIds, purpose: "TREATMENT", at: new Date("2026-07-01T00:00:00Z"), ...request });
}

describe("authorize", () => {
  it("finds the consent that allows a disclosure, and refuses without one", async () => {
    const patient = await createTestPatient(db, hospital.id);
    expect(await ask(patient)).toMatchObject({ allowed: false, reason: "no-consent" });
    const allowing = await consent(patient);
    expect(await ask(patient)).toEqual({ allowed: true, consentId: allowing.id, allowDownload: false, expiresAt: EXPIRES });
  });

  it("time edges: from the instant of signing, up to but not at the instant of expiry", async () => {
    const patient = await createTestPatient(db, hospital.id);
    await consent(patient);
    expect(await ask(patient, { at: new Date(SIGNED.getTime() - 1) })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { at: SIGNED })).toMatchObject({ allowed: true });
    expect(await ask(patient, { at: new Date(EXPIRES.getTime() - 1) })).toMatchObject({ allowed: true });
    expect(await ask(patient, { at: EXPIRES })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { at: new Date("2030-01-01") })).toMatchObject({ allowed: false });
  });

  it("a consent that ends with an event (no date) holds until it is withdrawn", async () => {
    const patient = await createTestPatient(db, hospital.id);
    await consent(patient, { expiresAt: null, expiryEvent: "when my treatment ends" });
    expect(await ask(patient, { at: new Date("2040-01-01") })).toMatchObject({ allowed: true });
  });

  it("revocation: refused from the instant of withdrawal, allowed for a time before it", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const revokedAt = new Date("2026-07-15T00:00:00Z");
    await consent(patient, { revokedAt });
    expect(await ask(patient, { at: revokedAt })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { at: new Date(revokedAt.getTime() - 1) })).toMatchObject({ allowed: true });
  });

  it("scope: selected studies cover only those; a request for more is refused", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const [first, second] = patient.studyIds;
    const selected = await consent(patient, {}, [first]);
    expect(await ask(patient, { studyIds: [first] })).toMatchObject({ allowed: true, consentId: selected.id });
    expect(await ask(patient, { studyIds: [second] })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { studyIds: [first, second] })).toMatchObject({ allowed: false, reason: "no-consent" });
  });

  it("scope: a date range includes both end days and nothing outside; all studies covers every one", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const [march2025, may2026] = patient.studyIds;
    await consent(patient, { scope: "DATE_RANGE", studiesFrom: new Date("2025-03-10"), studiesTo: new Date("2025-12-31") });
    expect(await ask(patient, { studyIds: [march2025] })).toMatchObject({ allowed: true });
    expect(await ask(patient, { studyIds: [may2026] })).toMatchObject({ allowed: false });

    const later = await createTestPatient(db, hospital.id);
    await consent(later, { scope: "DATE_RANGE", studiesFrom: new Date("2026-05-20"), studiesTo: null });
    expect(await ask(later, { studyIds: [later.studyIds[1]] })).toMatchObject({ allowed: true });
    expect(await ask(later, { studyIds: [later.studyIds[0]] })).toMatchObject({ allowed: false });

    const everything = await createTestPatient(db, hospital.id);
    await consent(everything, { scope: "ALL_STUDIES" });
    expect(await ask(everything)).toMatchObject({ allowed: true });
  });

  it("purpose must be the one signed for", async () => {
    const patient = await createTestPatient(db, hospital.id);
    await consent(patient, { purpose: "SECOND_OPINION" });
    expect(await ask(patient, { purpose: "TREATMENT" })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { purpose: "RESEARCH" })).toMatchObject({ allowed: false });
    expect(await ask(patient, { purpose: "SECOND_OPINION" })).toMatchObject({ allowed: true });
  });

  it("recipient: the destination named, the destinations of an organization named, the clinician by email", async () => {
    const patient = await createTestPatient(db, hospital.id);
    await consent(patient);
    expect(await ask(patient, { recipient: { kind: "destination", destinationId: otherDestination.id } })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { recipient: { kind: "destination", destinationId: randomUUID() } })).toMatchObject({ allowed: false, reason: "unknown-recipient" });

    const carequality = await createHospital(db);
    const itsPacs = await createDestination(db, carequality.id);
    const byOrganization = await createTestPatient(db, hospital.id);
    await consent(byOrganization, { recipientKind: "ORGANIZATION", destinationId: null, recipientOrganizationId: carequality.id });
    expect(await ask(byOrganization, { recipient: { kind: "organization", organizationId: carequality.id } })).toMatchObject({ allowed: true });
    expect(await ask(byOrganization, { recipient: { kind: "destination", destinationId: itsPacs.id } })).toMatchObject({ allowed: true });
    expect(await ask(byOrganization, { recipient: { kind: "organization", organizationId: hospital.id } })).toMatchObject({ allowed: false });

    const byClinician = await createTestPatient(db, hospital.id);
    await consent(byClinician, { recipientKind: "CLINICIAN", destinationId: null, recipientName: "Dr. Ada Osei", recipientEmail: "ada.osei@clinic.example" });
    expect(await ask(byClinician, { recipient: { kind: "clinician", email: "Ada.Osei@Clinic.example" } })).toMatchObject({ allowed: true });
    expect(await ask(byClinician, { recipient: { kind: "clinician", email: "someone.else@clinic.example" } })).toMatchObject({ allowed: false });
  });

  it("downloads need a consent that allows them", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const viewOnly = await consent(patient, { allowDownload: false });
    expect(await ask(patient, { download: true })).toMatchObject({ allowed: false, reason: "no-consent" });
    expect(await ask(patient, { download: false })).toMatchObject({ allowed: true, consentId: viewOnly.id });
    const withDownload = await consent(patient, { allowDownload: true, signedAt: new Date("2026-06-02") });
    expect(await ask(patient, { download: true })).toMatchObject({ allowed: true, consentId: withDownload.id, allowDownload: true });
  });

  it("another patient's studies, unknown and malformed ids are refused", async () => {
    const [patient, other] = await Promise.all([createTestPatient(db, hospital.id), createTestPatient(db, hospital.id)]);
    await consent(patient);
    expect(await ask(patient, { studyIds: [other.studyIds[0]] })).toMatchObject({ allowed: false, reason: "unknown-study" });
    expect(await ask(patient, { studyIds: [patient.studyIds[0], other.studyIds[0]] })).toMatchObject({ allowed: false, reason: "unknown-study" });
    expect(await ask(patient, { studyIds: [] })).toMatchObject({ allowed: false, reason: "unknown-study" });
    expect(await ask(patient, { studyIds: ["' OR 1=1 --"] })).toMatchObject({ allowed: false, reason: "unknown-study" });
    expect(await ask(other)).toMatchObject({ allowed: false, reason: "no-consent" });
  });

  it("a share link: only under the consent it was made with, while the link is live", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const clinicianConsent = await consent(patient, { recipientKind: "CLINICIAN", destinationId: null, recipientName: "Dr. Osei", recipientEmail: "osei@clinic.example" });
    const link = (consentId: string, data: { expiresAt?: Date; revokedAt?: Date } = {}) =>
      db.shareLink.create({ data: { patientId: patient.patientId, createdById: patient.actor.userId, consentId, tokenHash: randomUUID(), recipientName: "Dr. Osei", purpose: "TREATMENT", check: "PIN", expiresAt: data.expiresAt ?? EXPIRES, revokedAt: data.revokedAt } });
    const live = await link(clinicianConsent.id);
    expect(await ask(patient, { recipient: { kind: "share-link", shareLinkId: live.id } })).toMatchObject({ allowed: true, consentId: clinicianConsent.id });
    const ended = await link(clinicianConsent.id, { expiresAt: new Date("2026-06-15") });
    expect(await ask(patient, { recipient: { kind: "share-link", shareLinkId: ended.id } })).toMatchObject({ allowed: false, reason: "recipient-ended" });
    const turnedOff = await link(clinicianConsent.id, { revokedAt: new Date("2026-06-20") });
    expect(await ask(patient, { recipient: { kind: "share-link", shareLinkId: turnedOff.id } })).toMatchObject({ allowed: false, reason: "recipient-ended" });
    // A link made under a consent for a destination (not a person) allows nothing.
    const forDestination = await link((await consent(patient)).id);
    expect(await ask(patient, { recipient: { kind: "share-link", shareLinkId: forDestination.id } })).toMatchObject({ allowed: false, reason: "no-consent" });
    // Another patient's link is not one of this patient's recipients.
    const other = await createTestPatient(db, hospital.id);
    expect(await ask(other, { recipient: { kind: "share-link", shareLinkId: live.id } })).toMatchObject({ allowed: false, reason: "unknown-recipient" });
  });
});
