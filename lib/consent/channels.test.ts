import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { serveDicomWeb, type DicomWebContext } from "../dicomweb/service";
import { ForbiddenError } from "../errors";
import { LocalBlobStore } from "../storage/local-store";
import { openStudy } from "../studies/detail";
import { listStudies } from "../studies/list";
import { seriesThumbnail } from "../studies/thumbnail";
import { hashPassword } from "../auth/password";
import { checkShareAnswer, shareRecipientFor } from "../shares/open";
import { newPin, newShareToken } from "../shares/secrets";
import { holdFiles } from "../../scripts/test/hold-files";
import { signConsent } from "./create";
import { revokeConsent } from "./revoke";
import { openConsent } from "./read";
import { consentForm, createDesk, createDestination, createHospital, createTestPatient, type TestPatient } from "./test-support";

// Each channel that exists today, tried by someone the patient gave no consent to: a clinician
// account, another hospital's desk, a clinician named in a consent (no channel lets a clinician
// account in on that: share links do), and share links whose consent no longer allows them.
// Nothing reaches them; the patient's own look and their hospital's desk are not disclosures.

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
if (!existsSync(PYDICOM)) throw new Error(`Real DICOM test data missing: install python3-pydicom (${PYDICOM})`);

const db = createPrismaClient(inject("databaseUrl"));
let dir: string;
let context: DicomWebContext;
let patient: TestPatient;
let held: { studyId: string; studyUid: string; seriesId: string };
let clinician: UserActor;
let otherDesk: UserActor;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "carrier-consent-channels-"));
  const store = new LocalBlobStore(path.join(dir, "store"));
  context = { db, store, baseUrl: "http://carrier.test/api/dicomweb", workDir: dir };
  const hospital = await createHospital(db);
  patient = await createTestPatient(db, hospital.id);
  await holdFiles(db, store, patient.actor, [path.join(PYDICOM, "CT_small.dcm")]);
  const study = await db.study.findFirstOrThrow({ where: { patientId: patient.patientId, source: "UPLOAD", series: { some: {} } }, include: { series: true } });
  held = { studyId: study.id, studyUid: study.studyInstanceUid, seriesId: study.series[0]!.id };
  const user = await db.user.create({ data: { email: `dr-${crypto.randomUUID()}@clinic.example`, name: "Dr. Nobody Named", role: "CLINICIAN" } });
  clinician = { kind: "user", userId: user.id, role: "CLINICIAN", displayName: user.name, email: user.email, organizationId: null, patientId: null, sessionId: null, client: {} };
  otherDesk = await createDesk(db, (await createHospital(db)).id);
  // A consent exists, but for a destination, not for these people.
  await signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: (await createDestination(db)).id }));
});
afterAll(async () => {
  await db.$disconnect();
  await rm(dir, { recursive: true, force: true });
});

/** The HTTP status DICOMweb answers (a refusal reads like "not found"). */
const dicomweb = async (actor: UserActor, route: string, accept?: string) =>
  (await serveDicomWeb(new Request(`${context.baseUrl}/${route}`, { headers: accept ? { Accept: accept } : {} }), route.split("?")[0]!.split("/"), actor, context)).status;

describe("every channel refuses a recipient without consent", () => {
  it("DICOMweb: search finds nothing, metadata and retrieve are refused", async () => {
    for (const actor of [clinician, otherDesk]) {
      expect([204, 403, 404]).toContain(await dicomweb(actor, `studies?StudyInstanceUID=${held.studyUid}`));
      expect(await dicomweb(actor, `studies/${held.studyUid}/metadata`, "application/dicom+json")).toBe(404);
      expect(await dicomweb(actor, `studies/${held.studyUid}`, 'multipart/related; type="application/dicom"')).toBe(404);
    }
    // The patient's own look works: the refusals above are not a broken route.
    expect(await dicomweb(patient.actor, `studies?StudyInstanceUID=${held.studyUid}`)).toBe(200);
    expect(await dicomweb(patient.actor, `studies/${held.studyUid}/metadata`, "application/dicom+json")).toBe(200);
  });

  it("the study page, its thumbnails, the study list and the consent itself are refused", async () => {
    const store = context.store;
    const consent = await db.consent.findFirstOrThrow({ where: { patientId: patient.patientId } });
    for (const actor of [clinician, otherDesk]) {
      await expect(openStudy(db, actor, held.studyId)).rejects.toThrow(ForbiddenError);
      await expect(seriesThumbnail(db, store, actor, held.studyId, held.seriesId)).rejects.toThrow(ForbiddenError);
      await expect(listStudies(db, actor, patient.patientId)).rejects.toThrow(ForbiddenError);
      await expect(openConsent(db, actor, consent.id)).rejects.toThrow(ForbiddenError);
    }
    await expect(openStudy(db, patient.actor, held.studyId)).resolves.toMatchObject({ id: held.studyId });
    await expect(openStudy(db, await createDesk(db, patient.organizationId), held.studyId)).resolves.toMatchObject({ id: held.studyId });
  });

  it("a clinician named in a consent still gets nothing through these channels (only share links will carry it)", async () => {
    await signConsent(db, patient.actor, patient.patientId, consentForm({ recipientKind: "CLINICIAN", clinicianName: clinician.displayName, clinicianEmail: clinician.email, purpose: "SECOND_OPINION" }));
    await expect(openStudy(db, clinician, held.studyId)).rejects.toThrow(ForbiddenError);
    expect(await dicomweb(clinician, `studies/${held.studyUid}/metadata`, "application/dicom+json")).toBe(404);
  });

  it("share links open only while the consent they were made under allows what they share", async () => {
    const [first, second] = patient.studyIds;
    const expiresAt = new Date(Date.now() + 60 * 60_000);
    const consent = await db.consent.create({
      data: { patientId: patient.patientId, scope: "SELECTED_STUDIES", recipientKind: "CLINICIAN", recipientName: "Dr. Ada Reyes", recipientEmail: "ada.reyes@clinic.example", purpose: "SECOND_OPINION", expiresAt, method: "ONLINE", signatureKind: "TYPED", signatureText: "Kim", signerName: "Kim", signedAt: new Date(Date.now() - 1000), statementsVersion: "2026-11", studies: { create: [{ studyId: first }] } },
    });
    const link = async (studyId: string) => {
      const pin = newPin();
      const { token, tokenHash } = newShareToken();
      const share = await db.shareLink.create({
        data: { patientId: patient.patientId, createdById: patient.actor.userId, consentId: consent.id, tokenHash, recipientName: "Dr. Ada Reyes", purpose: "SECOND_OPINION", check: "PIN", pinHash: await hashPassword(pin), notifyOnOpen: false, expiresAt: new Date(Date.now() + 7 * 86_400_000), studies: { create: [{ studyId }] } },
      });
      return { share, token, pin };
    };
    const check = (token: string, pin: string, now = new Date()) => checkShareAnswer(db, token, pin, { secret: "s".repeat(32), publicUrl: "http://carrier.test", client: { address: `198.51.100.${crypto.randomUUID()}` }, now });

    const covered = await link(first);
    expect(await check(covered.token, covered.pin)).toMatchObject({ ok: true });
    expect(await shareRecipientFor(db, covered.share.id, {})).toMatchObject({ kind: "share-recipient", studyIds: [first] });
    // Made under a consent that does not name the study it shares: opens nothing.
    const uncovered = await link(second);
    expect(await check(uncovered.token, uncovered.pin)).toEqual({ ok: false, reason: "ended" });
    expect(await shareRecipientFor(db, uncovered.share.id, {})).toBeNull();
    // The consent ends before the link does: from then on the link opens nothing.
    const afterExpiry = new Date(expiresAt.getTime() + 1);
    expect(await check(covered.token, covered.pin, afterExpiry)).toEqual({ ok: false, reason: "ended" });
    expect(await shareRecipientFor(db, covered.share.id, {}, afterExpiry)).toBeNull();
    // Withdrawn: the link is ended with it.
    await revokeConsent(db, patient.actor, consent.id);
    expect(await check(covered.token, covered.pin)).toEqual({ ok: false, reason: "ended" });
    expect(await shareRecipientFor(db, covered.share.id, {})).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "share.open", entityId: { in: [covered.share.id, uncovered.share.id] } } })).toBe(1);
  });
});
