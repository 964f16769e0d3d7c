import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { consentForm, createDesk, createHospital, createTestPatient, pngDataUrl, signaturePng } from "../consent/test-support";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { createShare } from "./create";
import type { ShareFieldErrors, ShareFormValues } from "./input";
import type { InvalidConsentFieldsError } from "../consent/input";
import { listShares } from "./list";
import { extendShare, setShareNotices, turnOffShare } from "./manage";
import { checkShareAnswer, shareRecipientFor } from "./open";
import { readShareSession } from "./share-session";

// Making and managing share links against the real database: each link comes with its consent,
// bad answers are refused with words, and turning a link off or giving it time works through
// the consent behind it.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const SECRET = randomBytes(32).toString("hex");
const CONTEXT = { publicUrl: "http://carrier.test" };

function shareForm(studyIds: string[], overrides: Partial<ShareFormValues> = {}): ShareFormValues {
  return {
    ...consentForm({ studyIds, clinicianName: "Dr. Ada Reyes", clinicianEmail: "ada.reyes@clinic.example", purpose: "SECOND_OPINION", signatureKind: "TYPED", signatureImage: "", typedName: "Kim Test", typedAttestation: "yes" }),
    days: "14",
    check: "PIN",
    notifyOnOpen: "yes",
    message: "Please look at the head CT.",
    ...overrides,
  };
}

async function open(url: string, pin: string) {
  const token = url.split("/s/")[1]!;
  const result = await checkShareAnswer(db, token, pin, { secret: SECRET, publicUrl: CONTEXT.publicUrl, client: { address: `203.0.113.${randomBytes(1)[0]}` } });
  return shareRecipientFor(db, readShareSession(result.ok ? result.session : undefined, SECRET), {});
}

describe("making a share link", () => {
  it("records the consent with the link, shows the link and PIN once, and the doctor opens it with them", async () => {
    const hospital = await createHospital(db);
    const patient = await createTestPatient(db, hospital.id);
    const created = await createShare(db, patient.actor, patient.patientId, shareForm([patient.studyIds[0]]), CONTEXT);
    expect(created.url).toMatch(/^http:\/\/carrier\.test\/s\/[A-Za-z0-9_-]{43}$/);
    expect(created.pin).toMatch(/^\d{6}$/);
    expect(created.qrSvg).toContain("<svg");
    // Good through the 14th calendar day from today, never longer than 14 days.
    expect(created.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(14 * 86_400_000);
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);

    const link = await db.shareLink.findUniqueOrThrow({ where: { id: created.id }, include: { consent: { include: { studies: true } } } });
    expect(link.tokenHash).not.toContain(created.url.split("/s/")[1]);
    expect(link.pinHash).not.toContain(created.pin);
    expect(link.consent).toMatchObject({ recipientKind: "CLINICIAN", recipientEmail: "ada.reyes@clinic.example", purpose: "SECOND_OPINION", signatureKind: "TYPED", expiresAt: link.expiresAt });
    expect(link.consent.studies.map((study) => study.studyId)).toEqual([patient.studyIds[0]]);
    expect(await db.auditEvent.count({ where: { entityId: created.id, action: "share.create" } })).toBe(1);

    const recipient = await open(created.url, created.pin!);
    expect(recipient?.studyIds).toEqual([patient.studyIds[0]]);
  });

  it("refuses an unsigned form, a blank pad at the desk, and another patient's study, with words for each", async () => {
    const hospital = await createHospital(db);
    const [patient, other] = await Promise.all([createTestPatient(db, hospital.id), createTestPatient(db, hospital.id)]);
    const unsigned = createShare(db, patient.actor, patient.patientId, shareForm([patient.studyIds[0]], { typedName: "", typedAttestation: "", days: "365" }), CONTEXT);
    const unsignedErrors = ((await unsigned.catch((error: unknown) => error)) as InvalidConsentFieldsError).fieldErrors as ShareFieldErrors;
    expect(unsignedErrors.typedName).toBe("Type your full name to sign.");
    expect(unsignedErrors.days).toMatch(/7, 14, 30 or 90 days/);

    const desk = await createDesk(db, hospital.id);
    const blankPad = createShare(db, desk, patient.patientId, shareForm([patient.studyIds[0]], { identityCheck: "Passport", signatureImage: pngDataUrl(signaturePng(false)) }), CONTEXT);
    await expect(blankPad).rejects.toThrow(InvalidInputError);

    const foreign = createShare(db, patient.actor, patient.patientId, shareForm([other.studyIds[0]]), CONTEXT);
    expect(((await foreign.catch((error: unknown) => error)) as InvalidConsentFieldsError).fieldErrors.studyIds).toMatch(/not in this patient's records/);
    await expect(createShare(db, patient.actor, other.patientId, shareForm([other.studyIds[0]]), CONTEXT)).rejects.toThrow(ForbiddenError);
    expect(await db.shareLink.count({ where: { patientId: { in: [patient.patientId, other.patientId] } } })).toBe(0);
  });

  it("lets the desk share for a patient who signs on the pad, with the desk as witness", async () => {
    const hospital = await createHospital(db);
    const patient = await createTestPatient(db, hospital.id);
    const desk = await createDesk(db, hospital.id);
    const created = await createShare(db, desk, patient.patientId, shareForm([patient.studyIds[1]], { identityCheck: "Passport", check: "BIRTH_DATE", signatureImage: pngDataUrl(signaturePng(true)) }), CONTEXT);
    expect(created.pin).toBeNull();
    const consent = await db.consent.findFirstOrThrow({ where: { shareLinks: { some: { id: created.id } } } });
    expect(consent).toMatchObject({ method: "IN_PERSON", witnessId: desk.userId, identityCheck: "Passport", signatureKind: "DRAWN" });
  });
});

describe("managing a share link", () => {
  it("turns a link off through its consent, so the doctor's session ends at once", async () => {
    const hospital = await createHospital(db);
    const patient = await createTestPatient(db, hospital.id);
    const created = await createShare(db, patient.actor, patient.patientId, shareForm([patient.studyIds[0]]), CONTEXT);
    const token = created.url.split("/s/")[1]!;
    const session = await checkShareAnswer(db, token, created.pin!, { secret: SECRET, publicUrl: CONTEXT.publicUrl, client: {} });
    const shareLinkId = readShareSession(session.ok ? session.session : undefined, SECRET);
    expect(await shareRecipientFor(db, shareLinkId, {})).not.toBeNull();

    await turnOffShare(db, patient.actor, created.id);
    expect(await shareRecipientFor(db, shareLinkId, {})).toBeNull();
    expect((await listShares(db, patient.actor, patient.patientId))[0]).toMatchObject({ status: "off", openCount: 1 });
    await expect(turnOffShare(db, patient.actor, created.id)).rejects.toThrow(/already turned off/);
  });

  it("gives a link more time with a new signed consent, and stops the open emails when asked", async () => {
    const hospital = await createHospital(db);
    const patient = await createTestPatient(db, hospital.id);
    const created = await createShare(db, patient.actor, patient.patientId, shareForm([patient.studyIds[0]], { days: "7" }), CONTEXT);
    const before = await db.shareLink.findUniqueOrThrow({ where: { id: created.id }, select: { consentId: true, expiresAt: true } });
    const signing = { ...shareForm([]), days: "90" };
    const { expiresAt } = await extendShare(db, patient.actor, created.id, signing);
    const after = await db.shareLink.findUniqueOrThrow({ where: { id: created.id }, select: { consentId: true, expiresAt: true } });
    expect(after.expiresAt).toEqual(expiresAt);
    expect(after.expiresAt.getTime()).toBeGreaterThan(before.expiresAt.getTime() + 80 * 86_400_000);
    expect(after.consentId).not.toBe(before.consentId);
    expect((await db.consent.findUniqueOrThrow({ where: { id: before.consentId } })).revokedAt).not.toBeNull();
    // Still opens, under the new consent.
    expect(await open(created.url, created.pin!)).not.toBeNull();

    await setShareNotices(db, patient.actor, created.id, false);
    expect((await listShares(db, patient.actor, patient.patientId))[0]).toMatchObject({ status: "active", notifyOnOpen: false });
    const stranger = await createTestPatient(db, hospital.id);
    await expect(setShareNotices(db, stranger.actor, created.id, true)).rejects.toThrow(ForbiddenError);
    await expect(extendShare(db, stranger.actor, created.id, signing)).rejects.toThrow(ForbiddenError);
  });
});
