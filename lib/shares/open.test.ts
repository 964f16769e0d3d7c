import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../auth/password";
import { createPrismaClient } from "../db/prisma";
import { createPatientActor } from "../../scripts/test/patient-account";
import { checkShareAnswer, FREE_CHECKS_PER_LINK, SHARE_CLIENT_THROTTLE, shareLanding, shareRecipientFor } from "./open";
import { newPin, newShareToken } from "./secrets";
import { readShareSession } from "./share-session";

// Opening share links against the real database: what the landing page may say, PIN and birth
// date checks, lockouts per link and per client, and the share session that follows.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const SECRET = randomBytes(32).toString("hex");
const client = () => ({ address: `198.51.100.${Math.floor(Math.random() * 250)}-${randomBytes(3).toString("hex")}` });
const context = (address = client()) => ({ secret: SECRET, publicUrl: "http://carrier.test", client: address });

async function sharedStudy(options: { check?: "PIN" | "BIRTH_DATE"; expiresAt?: Date; revokedAt?: Date } = {}) {
  const patient = await createPatientActor(db, { birthDate: "1961-02-03" });
  const studies = await Promise.all(
    ["CT HEAD", "MR KNEE"].map((description) =>
      db.study.create({ data: { patientId: patient.patientId, studyInstanceUid: `2.25.${BigInt(`0x${randomBytes(12).toString("hex")}`)}`, description, modalities: ["CT"], source: "UPLOAD", status: "COMPLETE" } }),
    ),
  );
  const consent = await db.consent.create({
    data: { patientId: patient.patientId, scope: "SELECTED_STUDIES", recipientKind: "CLINICIAN", recipientName: "Dr. Ada Reyes", purpose: "SECOND_OPINION", method: "ONLINE", signatureKind: "TYPED", signatureText: patient.displayName, signerName: patient.displayName, signedAt: new Date(), statementsVersion: "2026-11", studies: { create: [{ studyId: studies[0]!.id }] } },
  });
  const pin = newPin();
  const { token, tokenHash } = newShareToken();
  const share = await db.shareLink.create({
    data: {
      patientId: patient.patientId,
      createdById: patient.userId,
      consentId: consent.id,
      tokenHash,
      recipientName: "Dr. Ada Reyes",
      purpose: "SECOND_OPINION",
      message: "Please look at the head CT.",
      check: options.check ?? "PIN",
      pinHash: await hashPassword(pin),
      notifyOnOpen: false,
      expiresAt: options.expiresAt ?? new Date(Date.now() + 14 * 86_400_000),
      revokedAt: options.revokedAt,
      studies: { create: [{ studyId: studies[0]!.id }] },
    },
  });
  return { patient, studies, share, token, pin };
}

describe("share links", () => {
  it("land on a check that names only the recipient, and open a share session for the right PIN", async () => {
    const { token, pin, share, patient, studies } = await sharedStudy();
    expect(await shareLanding(db, token)).toEqual({ state: "check", check: "PIN", recipientName: "Dr. Ada Reyes", message: "Please look at the head CT." });

    const result = await checkShareAnswer(db, token, ` ${pin.slice(0, 3)} ${pin.slice(3)} `, context());
    expect(result.ok).toBe(true);
    const shareLinkId = readShareSession(result.ok ? result.session : undefined, SECRET);
    expect(shareLinkId).toBe(share.id);
    const recipient = await shareRecipientFor(db, shareLinkId, {});
    // Only the shared study, not the patient's other one.
    expect(recipient).toMatchObject({ kind: "share-recipient", patientId: patient.patientId, studyIds: [studies[0]!.id], allowDownload: false, displayName: "Dr. Ada Reyes" });
    expect(await db.shareLink.findUniqueOrThrow({ where: { id: share.id }, select: { openCount: true } })).toEqual({ openCount: 1 });
    const opened = await db.auditEvent.findFirstOrThrow({ where: { action: "share.open", entityId: share.id } });
    expect(opened).toMatchObject({ actorKind: "SHARE_RECIPIENT", channel: "share-link", recipientDisplay: "Dr. Ada Reyes", studyIds: [studies[0]!.id] });
  });

  it("counts wrong PINs down, then locks the link for everyone and records each try", async () => {
    const { token, pin, share } = await sharedStudy();
    const wrong = pin === "000000" ? "111111" : "000000";
    for (let attempt = 1; attempt < FREE_CHECKS_PER_LINK; attempt++) {
      expect(await checkShareAnswer(db, token, wrong, context())).toEqual({ ok: false, reason: "wrong", triesLeft: FREE_CHECKS_PER_LINK - attempt });
    }
    const locked = await checkShareAnswer(db, token, wrong, context());
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // Locked means locked: even the right PIN, from another client, waits.
    expect(await checkShareAnswer(db, token, pin, context())).toMatchObject({ ok: false, reason: "locked" });
    expect((await shareLanding(db, token)).state).toBe("locked");
    expect(await db.auditEvent.count({ where: { action: "share.pin-failed", entityId: share.id } })).toBe(FREE_CHECKS_PER_LINK);
  });

  it("locks out one client that tries many links, without locking the links for others", async () => {
    const address = client();
    const links = await Promise.all(Array.from({ length: Math.ceil(SHARE_CLIENT_THROTTLE.freeAttempts / 2) }, () => sharedStudy()));
    let last;
    for (const link of links) for (let attempt = 0; attempt < 2; attempt++) last = await checkShareAnswer(db, link.token, "999999x", context(address));
    expect(last).toMatchObject({ ok: false, reason: "locked" });
    expect(await checkShareAnswer(db, links[0]!.token, links[0]!.pin, context(address))).toMatchObject({ ok: false, reason: "locked" });
    expect((await checkShareAnswer(db, links[0]!.token, links[0]!.pin, context())).ok).toBe(true);
  });

  it("checks the patient's birth date when the link asks for it", async () => {
    const { token } = await sharedStudy({ check: "BIRTH_DATE" });
    expect(await checkShareAnswer(db, token, "1961-03-02", context())).toMatchObject({ ok: false, reason: "wrong" });
    expect((await checkShareAnswer(db, token, "1961-02-03", context())).ok).toBe(true);
  });

  it("says a revoked, expired, altered or made-up link has ended, and ends sessions of a revoked one", async () => {
    const revoked = await sharedStudy({ revokedAt: new Date() });
    const expired = await sharedStudy({ expiresAt: new Date(Date.now() - 1000) });
    const live = await sharedStudy();
    for (const token of [revoked.token, expired.token, `${live.token.slice(0, -1)}${live.token.endsWith("A") ? "B" : "A"}`, "not-a-token"]) {
      expect(await shareLanding(db, token)).toEqual({ state: "ended" });
      expect(await checkShareAnswer(db, token, live.pin, context())).toEqual({ ok: false, reason: "ended" });
    }
    const result = await checkShareAnswer(db, live.token, live.pin, context());
    const shareLinkId = readShareSession(result.ok ? result.session : undefined, SECRET);
    await db.shareLink.update({ where: { id: live.share.id }, data: { revokedAt: new Date() } });
    expect(await shareRecipientFor(db, shareLinkId, {})).toBeNull();
    // A session note altered or signed with another secret names nothing.
    expect(readShareSession(result.ok ? result.session : undefined, "another secret")).toBeNull();
  });
});
