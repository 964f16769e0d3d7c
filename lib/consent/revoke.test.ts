import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { authorize } from "./authorize";
import { signConsent } from "./create";
import { CANCELED_BY_REVOCATION, revokeConsent } from "./revoke";
import { consentForm, createDesk, createDestination, createHospital, createTestPatient, type TestPatient } from "./test-support";

// Withdrawing a consent stops what depended on it, in the same transaction, and says so in the
// audit trail; the desk can do it for the patient; nobody can do it to another patient's consent.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

let hospital: { id: string };
let destination: { id: string };
beforeAll(async () => {
  hospital = await createHospital(db);
  destination = await createDestination(db);
});

async function signed(patient: TestPatient) {
  return signConsent(db, patient.actor, patient.patientId, consentForm({ destinationId: destination.id }));
}

function transfer(patient: TestPatient, consentId: string, status: "QUEUED" | "RUNNING" | "SUCCEEDED") {
  return db.transfer.create({ data: { patientId: patient.patientId, studyId: patient.studyIds[0], destinationId: destination.id, consentId, status, ...(status === "RUNNING" ? { attempts: { create: { number: 1 } } } : {}) } });
}

function shareLink(patient: TestPatient, consentId: string, expiresAt: Date) {
  return db.shareLink.create({
    data: { patientId: patient.patientId, createdById: patient.actor.userId, consentId, tokenHash: randomBytes(32).toString("hex"), recipientName: "Dr. Osei", purpose: "TREATMENT", check: "PIN", expiresAt, studies: { create: { studyId: patient.studyIds[0] } } },
  });
}

describe("revoking a consent", () => {
  it("cancels the transfers that had not finished, ends its live share links, and audits all of it at once", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const consent = await signed(patient);
    const [queued, running, done] = await Promise.all([transfer(patient, consent.id, "QUEUED"), transfer(patient, consent.id, "RUNNING"), transfer(patient, consent.id, "SUCCEEDED")]);
    const [live, expired] = await Promise.all([shareLink(patient, consent.id, new Date(Date.now() + 86_400_000)), shareLink(patient, consent.id, new Date(Date.now() - 1000))]);

    const revocation = await revokeConsent(db, patient.actor, consent.id, "Changed my mind");
    expect(revocation).toMatchObject({ consentId: consent.id, transfersCanceled: 2, shareLinksEnded: 1 });

    const transfers = await db.transfer.findMany({ where: { consentId: consent.id }, include: { attempts: true } });
    const byId = new Map(transfers.map((row) => [row.id, row]));
    expect(byId.get(queued.id)).toMatchObject({ status: "CANCELED", cancelReason: CANCELED_BY_REVOCATION, finishedAt: revocation.revokedAt });
    expect(byId.get(running.id)).toMatchObject({ status: "CANCELED", cancelReason: CANCELED_BY_REVOCATION });
    expect(byId.get(running.id)!.attempts).toMatchObject([{ outcome: "CANCELED" }]);
    expect(byId.get(done.id)).toMatchObject({ status: "SUCCEEDED", cancelReason: null });
    expect((await db.shareLink.findUniqueOrThrow({ where: { id: live.id } })).revokedAt).toEqual(revocation.revokedAt);
    expect((await db.shareLink.findUniqueOrThrow({ where: { id: expired.id } })).revokedAt).toBeNull();

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "consent.revoke", entityId: consent.id } });
    expect(event).toMatchObject({ actorUserId: patient.actor.userId, patientId: patient.patientId, detail: { transfersCanceled: expect.arrayContaining([queued.id, running.id]) as string[], shareLinksEnded: [live.id], reason: "Changed my mind" } });
    expect(await db.consent.findUniqueOrThrow({ where: { id: consent.id } })).toMatchObject({ revokedById: patient.actor.userId, revocationReason: "Changed my mind" });

    const after = await authorize(db, { patientId: patient.patientId, recipient: { kind: "destination", destinationId: destination.id }, studyIds: patient.studyIds, purpose: "TREATMENT", at: new Date() });
    expect(after).toMatchObject({ allowed: false, reason: "no-consent" });
  });

  it("once only: a second withdrawal says it was already done", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const consent = await signed(patient);
    await revokeConsent(db, patient.actor, consent.id);
    await expect(revokeConsent(db, patient.actor, consent.id)).rejects.toThrow(new InvalidInputError("This permission was already withdrawn. Nothing more to do."));
    expect(await db.auditEvent.count({ where: { action: "consent.revoke", entityId: consent.id } })).toBe(1);
  });

  it("the front desk withdraws one for a patient of its organization, not for anyone else's", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const consent = await signed(patient);
    const otherDesk = await createDesk(db, (await createHospital(db)).id);
    await expect(revokeConsent(db, otherDesk, consent.id)).rejects.toThrow(ForbiddenError);
    const desk = await createDesk(db, hospital.id);
    await transfer(patient, consent.id, "QUEUED");
    await expect(revokeConsent(db, desk, consent.id, "Patient asked at the desk")).resolves.toMatchObject({ transfersCanceled: 1 });
    expect(await db.consent.findUniqueOrThrow({ where: { id: consent.id } })).toMatchObject({ revokedById: desk.userId });
  });

  it("another patient's consent id, an unknown one and a malformed one are refused alike", async () => {
    const [patient, other] = await Promise.all([createTestPatient(db, hospital.id), createTestPatient(db, hospital.id)]);
    const theirs = await signed(other);
    for (const id of [theirs.id, crypto.randomUUID(), "not-a-uuid"]) await expect(revokeConsent(db, patient.actor, id)).rejects.toThrow(ForbiddenError);
    expect((await db.consent.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
  });

  it("a transfer created under the consent while it is being withdrawn is canceled by that withdrawal", async () => {
    const patient = await createTestPatient(db, hospital.id);
    const consent = await signed(patient);
    let revoking: Promise<unknown> | undefined;
    // The routing side: ask authorize() and create the transfer in one transaction; the withdrawal
    // starts in between and must wait for it (authorize holds the consent's row).
    const created = await db.$transaction(async (tx) => {
      const decision = await authorize(tx, { patientId: patient.patientId, recipient: { kind: "destination", destinationId: destination.id }, studyIds: [patient.studyIds[0]], purpose: "TREATMENT", at: new Date() });
      if (!decision.allowed) throw new Error(decision.message);
      revoking = revokeConsent(db, patient.actor, consent.id);
      await expect.poll(() => db.$queryRaw<{ waiting: bigint }[]>`SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.then(([row]) => Number(row?.waiting))).toBeGreaterThan(0);
      return tx.transfer.create({ data: { patientId: patient.patientId, studyId: patient.studyIds[0], destinationId: destination.id, consentId: decision.consentId } });
    });
    await expect(revoking).resolves.toMatchObject({ transfersCanceled: 1 });
    expect(await db.transfer.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ status: "CANCELED", cancelReason: CANCELED_BY_REVOCATION });
  });
});
