import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ApiKeyActor, UserActor } from "../auth/actor";
import { exportPatientAuditEvents } from "../audit/export";
import { listDisclosures } from "../audit/disclosures";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { listStudies } from "../studies/list";
import { openPatientRecord } from "./record";
import { searchPatients } from "./search";

// The lib functions that read patient data check the acting user themselves: a patient's own,
// the front desk's organization's, nobody else's, whatever ids the caller sends.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const unique = () => randomBytes(4).toString("hex");
let hospital: string;
let otherHospital: string;

beforeAll(async () => {
  [hospital, otherHospital] = (await Promise.all([db.organization.create({ data: { name: "Access Hospital" } }), db.organization.create({ data: { name: "Other Hospital" } })])).map((organization) => organization.id) as [string, string];
});

async function patientAt(organizationId: string) {
  const familyName = `Access${unique()}`;
  const user = await db.user.create({
    data: {
      email: `${familyName}@example.org`,
      name: `Pat ${familyName}`,
      role: "PATIENT",
      patient: { create: { givenName: "Pat", familyName, birthDate: new Date("1970-01-01"), identifiers: { create: { organizationId, system: "MRN", value: familyName } } } },
    },
    include: { patient: true },
  });
  const study = await db.study.create({ data: { patientId: user.patient!.id, studyInstanceUid: `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`, source: "UPLOAD", description: "CT" } });
  const actor: UserActor = { kind: "user", userId: user.id, role: "PATIENT", displayName: user.name, email: user.email, organizationId: null, patientId: user.patient!.id, sessionId: null, client: {} };
  return { patientId: user.patient!.id, familyName, study, actor };
}

async function deskAt(organizationId: string): Promise<UserActor> {
  const user = await db.user.create({ data: { email: `desk-${unique()}@example.org`, name: "Desk", role: "FRONT_DESK", organizationId } });
  return { kind: "user", userId: user.id, role: "FRONT_DESK", displayName: user.name, email: user.email, organizationId, patientId: null, sessionId: null, client: {} };
}

describe("patient data access", () => {
  it("a patient lists and audits their own records, and nobody else's", async () => {
    const [alice, bea] = await Promise.all([patientAt(hospital), patientAt(hospital)]);
    expect((await listStudies(db, alice.actor, alice.patientId)).map((study) => study.id)).toEqual([alice.study.id]);
    await expect(listStudies(db, alice.actor, bea.patientId)).rejects.toThrow(ForbiddenError);
    await expect(listDisclosures(db, alice.actor, { patientId: bea.patientId })).rejects.toThrow(ForbiddenError);
    await expect(listDisclosures(db, alice.actor, { patientId: alice.patientId, studyId: bea.study.id })).rejects.toThrow(ForbiddenError);
    await expect(exportPatientAuditEvents(db, alice.actor, bea.patientId, "http://x")).rejects.toThrow(ForbiddenError);
    await expect(openPatientRecord(db, alice.actor, alice.patientId)).resolves.toMatchObject({ id: alice.patientId });
  });

  it("unknown and malformed ids are refused exactly like another patient's", async () => {
    const alice = await patientAt(hospital);
    for (const id of [crypto.randomUUID(), "not-a-uuid", "' OR 1=1 --"]) {
      await expect(listStudies(db, alice.actor, id)).rejects.toThrow(ForbiddenError);
      await expect(openPatientRecord(db, alice.actor, id)).rejects.toThrow(ForbiddenError);
    }
  });

  it("the front desk finds and opens only its organization's patients; the patient sees it", async () => {
    const [ours, theirs] = await Promise.all([patientAt(hospital), patientAt(otherHospital)]);
    const desk = await deskAt(hospital);
    expect((await searchPatients(db, desk, ours.familyName)).map((patient) => patient.id)).toEqual([ours.patientId]);
    expect(await searchPatients(db, desk, theirs.familyName)).toEqual([]);
    await expect(openPatientRecord(db, desk, theirs.patientId)).rejects.toThrow(ForbiddenError);
    await expect(listStudies(db, desk, theirs.patientId)).rejects.toThrow(ForbiddenError);

    await openPatientRecord(db, desk, ours.patientId);
    const disclosures = await listDisclosures(db, ours.actor, { patientId: ours.patientId });
    expect(disclosures.map((event) => [event.action, event.actorDisplay])).toContainEqual(["patient.view", "Desk (front desk)"]);
    const forStudy = await listDisclosures(db, ours.actor, { patientId: ours.patientId, studyId: ours.study.id });
    expect(forStudy.every((event) => event.studyIds.includes(ours.study.id))).toBe(true);
  });

  it("an imaging system's key reads only its organization's patients, with that organization's identifiers; the patient sees it", async () => {
    const [ours, theirs] = await Promise.all([patientAt(hospital), patientAt(otherHospital)]);
    await db.patientIdentifier.create({ data: { patientId: ours.patientId, organizationId: otherHospital, system: "MRN", value: `OTHER-${ours.familyName}` } });
    const pacs: ApiKeyActor = { kind: "api-key", apiKeyId: crypto.randomUUID(), organizationId: hospital, scopes: ["read"], displayName: "Riverside PACS (Access Hospital)", client: {} };

    const record = await openPatientRecord(db, pacs, ours.patientId);
    expect(record.identifiers).toEqual([{ system: "MRN", value: ours.familyName }]);
    expect((await listStudies(db, pacs, ours.patientId)).map((study) => study.id)).toEqual([ours.study.id]);
    await expect(openPatientRecord(db, pacs, theirs.patientId)).rejects.toThrow(ForbiddenError);
    await expect(listStudies(db, pacs, theirs.patientId)).rejects.toThrow(ForbiddenError);
    await expect(listDisclosures(db, pacs, { patientId: ours.patientId })).rejects.toThrow(ForbiddenError);

    const disclosures = await listDisclosures(db, ours.actor, { patientId: ours.patientId });
    expect(disclosures.map((event) => [event.action, event.actorKind, event.actorDisplay])).toContainEqual(["patient.view", "API_KEY", "Riverside PACS (Access Hospital)"]);
  });

  it("only front desk staff search patients", async () => {
    const alice = await patientAt(hospital);
    await expect(searchPatients(db, alice.actor, alice.familyName)).rejects.toThrow(ForbiddenError);
  });

  it("the patient's own looks are not disclosures", async () => {
    const alice = await patientAt(hospital);
    await listStudies(db, alice.actor, alice.patientId);
    expect(await listDisclosures(db, alice.actor, { patientId: alice.patientId })).toEqual([]);
  });
});
