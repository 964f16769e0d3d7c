import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { toFhirAuditEvent } from "../audit/fhir";
import { actorForSession, createSession } from "../auth/sessions";
import { createPrismaClient } from "../db/prisma";
import { serveDicomWeb } from "../dicomweb/service";
import { ForbiddenError, InvalidInputError } from "../errors";
import { createAccount, createOrganization } from "../staff/test-support";
import { LocalBlobStore } from "../storage/local-store";
import { listStudies } from "../studies/list";
import { holdFiles } from "../../scripts/test/hold-files";
import { createPatientActor } from "../../scripts/test/patient-account";
import { openWithReason } from "./access-reasons";
import { openPatientRecord } from "./record";

// An administrator sees a patient's records and images only after stating why: on that session,
// for that patient, for a short while; every read carries the reason into the audit trail.

const db = createPrismaClient(inject("databaseUrl"));
const CT = "/usr/lib/python3/dist-packages/pydicom/data/test_files/CT_small.dcm";
const REASON = "Patient called: a study from March is missing (ticket 4521)";
let root: string;
let store: LocalBlobStore;
let patient: UserActor & { patientId: string };
let other: UserActor & { patientId: string };

/** An administrator signed in on a session of their own, as the session cookie would make them. */
async function signedInAdmin(at = new Date()) {
  const organization = await createOrganization(db);
  const { actor } = await createAccount(db, "ADMIN", organization.id);
  const sessionId = await createSession(db, { userId: actor.userId, method: "PASSWORD", client: {} });
  return (await actorForSession(db, sessionId, {}, at))!;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "carrier-access-reasons-"));
  store = new LocalBlobStore(join(root, "storage"));
  await store.ensureRoot();
  patient = await createPatientActor(db);
  other = await createPatientActor(db);
  expect((await holdFiles(db, store, patient, [CT]))[0]?.outcome).toBe("STORED");
});
afterAll(async () => {
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

describe("an administrator opening a patient's records", () => {
  it("sees nothing without a reason, and a reason of a keystroke or two is refused in words", async () => {
    const admin = await signedInAdmin();
    await expect(openPatientRecord(db, admin, patient.patientId)).rejects.toThrow(ForbiddenError);
    await expect(listStudies(db, admin, patient.patientId)).rejects.toThrow(ForbiddenError);
    await expect(openWithReason(db, admin, patient.patientId, "  because ")).rejects.toThrow(new InvalidInputError("Say why you need to see this patient's data, in at least 10 characters."));
    await expect(openWithReason(db, admin, "not-a-patient", REASON)).rejects.toThrow(ForbiddenError);
  });

  it("states a reason, then reads that patient's record, studies and images on this session, each audited with the reason", async () => {
    const opened = await openWithReason(db, await signedInAdmin(), patient.patientId, `  ${REASON}\n`);
    // As the next request finds it: the reason came with the session.
    const admin = (await actorForSession(db, opened.sessionId!, {}))!;
    expect(admin.accessReasons).toEqual({ [patient.patientId]: REASON });
    await expect(openPatientRecord(db, admin, patient.patientId)).resolves.toMatchObject({ id: patient.patientId });
    expect(await listStudies(db, admin, patient.patientId)).toHaveLength(1);
    await expect(openPatientRecord(db, admin, other.patientId)).rejects.toThrow(ForbiddenError);

    // DICOMweb, which cannot carry a reason, reaches this patient and no other.
    const context = { db, store, baseUrl: "http://carrier.test/api/dicomweb", workDir: join(root, "work") };
    const studies = await serveDicomWeb(new Request("http://carrier.test/api/dicomweb/studies", { headers: { Accept: "application/dicom+json" } }), ["studies"], admin, context);
    const found = (await studies.json()) as Record<string, { Value?: unknown[] }>[];
    expect(found.map((study) => study["00100020"]?.Value?.[0])).toEqual(["1CT1"]);
    const studyUid = String(found[0]!["0020000D"]!.Value![0]);
    const metadata = await serveDicomWeb(new Request(`http://carrier.test/api/dicomweb/studies/${studyUid}/metadata`, { headers: { Accept: "application/dicom+json" } }), ["studies", studyUid, "metadata"], admin, context);
    expect(metadata.status).toBe(200);

    const events = await db.auditEvent.findMany({ where: { patientId: patient.patientId, actorUserId: admin.userId }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["patient.open-with-reason", "patient.view", "study.list", "study.view"]);
    for (const event of events) expect(event.detail).toMatchObject({ reason: REASON });
    // Exported as FHIR, the reason is the administrator's purpose of use.
    expect(toFhirAuditEvent(events[0]!).agent[0]?.purposeOfUse).toEqual([{ text: REASON }]);
  });

  it("ends after 30 minutes and on another session, and is for administrators only", async () => {
    const started = new Date();
    const opened = await openWithReason(db, await signedInAdmin(started), patient.patientId, REASON, started);
    expect((await actorForSession(db, opened.sessionId!, {}, new Date(started.getTime() + 29 * 60_000)))!.accessReasons).toEqual({ [patient.patientId]: REASON });
    const later = (await actorForSession(db, opened.sessionId!, {}, new Date(started.getTime() + 31 * 60_000)))!;
    expect(later.accessReasons).toBeUndefined();
    await expect(openPatientRecord(db, later, patient.patientId)).rejects.toThrow(ForbiddenError);

    const otherSession = await createSession(db, { userId: opened.userId, method: "PASSWORD", client: {} });
    expect((await actorForSession(db, otherSession, {}))!.accessReasons).toBeUndefined();

    const desk = await createAccount(db, "FRONT_DESK", (await createOrganization(db)).id);
    const deskSession = await createSession(db, { userId: desk.actor.userId, method: "PASSWORD", client: {} });
    await expect(openWithReason(db, (await actorForSession(db, deskSession, {}))!, patient.patientId, REASON)).rejects.toThrow(ForbiddenError);
  });
});
