import { randomBytes } from "node:crypto";
import UPNG from "@pdf-lib/upng";
import type { UserActor } from "../auth/actor";
import type { Database } from "../db/prisma";
import type { ConsentFormValues } from "./input";

// Patients, staff, destinations, signatures and filled-in forms for the consent tests.

const unique = () => randomBytes(5).toString("hex");

export type TestPatient = { actor: UserActor & { patientId: string }; patientId: string; organizationId: string; studyIds: [string, string] };

export async function createHospital(db: Database) {
  return db.organization.create({ data: { name: `Consent Hospital ${unique()}`, homeCommunityId: `2.16.840.1.113883.3.${Date.now()}.${randomBytes(2).readUInt16BE()}` } });
}

/** A patient registered at `organizationId`, holding two studies: one dated 2025-03-10, one 2026-05-20. */
export async function createTestPatient(db: Database, organizationId: string): Promise<TestPatient> {
  const familyName = `Consent${unique()}`;
  const user = await db.user.create({
    data: {
      email: `${familyName.toLowerCase()}@example.org`,
      name: `Kim ${familyName}`,
      role: "PATIENT",
      patient: { create: { givenName: "Kim", familyName, birthDate: new Date("1975-09-14"), identifiers: { create: { organizationId, system: "MRN", value: familyName } } } },
    },
    include: { patient: true },
  });
  const patientId = user.patient!.id;
  const study = (date: string, description: string) =>
    db.study.create({ data: { patientId, studyInstanceUid: `2.25.${BigInt(`0x${randomBytes(12).toString("hex")}`)}`, studyDate: new Date(date), description, modalities: ["CT"], source: "UPLOAD", status: "COMPLETE" } });
  const [first, second] = await Promise.all([study("2025-03-10", "CT HEAD"), study("2026-05-20", "MR KNEE")]);
  return {
    actor: { kind: "user", userId: user.id, role: "PATIENT", displayName: user.name, email: user.email, organizationId: null, patientId, sessionId: null, client: {} },
    patientId,
    organizationId,
    studyIds: [first.id, second.id],
  };
}

export async function createDesk(db: Database, organizationId: string): Promise<UserActor> {
  const user = await db.user.create({ data: { email: `desk-${unique()}@example.org`, name: `Desk ${unique()}`, role: "FRONT_DESK", organizationId } });
  return { kind: "user", userId: user.id, role: "FRONT_DESK", displayName: user.name, email: user.email, organizationId, patientId: null, sessionId: null, client: {} };
}

export async function createDestination(db: Database, organizationId: string | null = null) {
  return db.destination.create({ data: { name: `Clinic PACS ${unique()}`, kind: "DICOMWEB", baseUrl: "http://127.0.0.1:9/dicom-web", organizationId } });
}

/** A PNG as a signature pad gives it: transparent, with a dark stroke drawn when `ink` is true. */
export function signaturePng(ink: boolean, width = 300, height = 100): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  if (ink) {
    for (let x = 20; x < width - 20; x++) {
      const y = Math.round(height / 2 + Math.sin(x / 15) * 20);
      for (let dy = -2; dy <= 2; dy++) rgba.set([20, 20, 30, 255], ((y + dy) * width + x) * 4);
    }
  }
  return new Uint8Array(UPNG.encode([rgba.buffer], width, height, 0));
}

export const pngDataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;

/** A complete, valid online form: all studies to the destination, for treatment, good through `lastDay`. */
export function consentForm(overrides: Partial<ConsentFormValues> = {}): ConsentFormValues {
  return {
    scope: "ALL_STUDIES",
    studyIds: [],
    studiesFrom: "",
    studiesTo: "",
    recipientKind: "DESTINATION",
    destinationId: "",
    organizationId: "",
    clinicianName: "",
    clinicianEmail: "",
    purpose: "TREATMENT",
    purposeText: "",
    expiry: "DATE",
    expiresOn: "2099-12-31",
    expiryEvent: "",
    allowDownload: "",
    statementsRead: "yes",
    signer: "SELF",
    representativeName: "",
    representativeRelationship: "",
    signatureKind: "DRAWN",
    signatureImage: pngDataUrl(signaturePng(true)),
    typedName: "",
    typedAttestation: "",
    identityCheck: "",
    signedOn: "",
    ...overrides,
  };
}
