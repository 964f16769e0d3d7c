import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { hashPassword } from "./password";
import { checkStaffCredentials } from "./staff-credentials";
import { currentTotp, newTotpSecret, sealTotpSecret } from "./totp";

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const AUTH_SECRET = "a test secret that is long enough to sign things";
const PASSWORD = "a long staff password";

async function staff(options: { role?: "FRONT_DESK" | "ADMIN" | "PATIENT"; totp?: boolean; deactivated?: boolean } = {}) {
  const secret = options.totp ? newTotpSecret() : undefined;
  const user = await db.user.create({
    data: {
      email: `staff-${randomBytes(4).toString("hex")}@example.org`,
      name: "Test Staff",
      role: options.role ?? "FRONT_DESK",
      passwordHash: await hashPassword(PASSWORD),
      totpSecret: secret ? sealTotpSecret(secret, AUTH_SECRET) : null,
      totpEnabledAt: secret ? new Date() : null,
      deactivatedAt: options.deactivated ? new Date() : null,
    },
  });
  return { ...user, secret };
}

describe("staff credentials", () => {
  it("accept the right password, whatever the case of the email", async () => {
    const user = await staff();
    const check = await checkStaffCredentials(db, AUTH_SECRET, { email: user.email.toUpperCase(), password: PASSWORD });
    expect(check).toMatchObject({ ok: true, user: { id: user.id }, usedTotp: false });
  });

  it("answer a wrong password, an unknown email, a deactivated account and a patient account alike", async () => {
    const [active, deactivated, patient] = await Promise.all([staff(), staff({ deactivated: true }), staff({ role: "PATIENT" })]);
    const answers = await Promise.all([
      checkStaffCredentials(db, AUTH_SECRET, { email: active.email, password: "not the password" }),
      checkStaffCredentials(db, AUTH_SECRET, { email: `nobody-${Date.now()}@example.org`, password: PASSWORD }),
      checkStaffCredentials(db, AUTH_SECRET, { email: deactivated.email, password: PASSWORD }),
      checkStaffCredentials(db, AUTH_SECRET, { email: patient.email, password: PASSWORD }),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("lock an address after five failures, then double the pause", async () => {
    const user = await staff();
    const now = new Date("2026-11-30T10:00:00Z");
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: "wrong" }, now)).toMatchObject({ reason: "invalid" });
    }
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: "wrong" }, now)).toEqual({ ok: false, reason: "locked", retryAt: new Date("2026-11-30T10:01:00Z") });
    // Even the right password waits out the pause.
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: PASSWORD }, now)).toMatchObject({ reason: "locked" });

    const later = new Date("2026-11-30T10:01:01Z");
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: "wrong again" }, later)).toEqual({ ok: false, reason: "locked", retryAt: new Date("2026-11-30T10:03:01Z") });
    const muchLater = new Date("2026-11-30T10:04:00Z");
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: PASSWORD }, muchLater)).toMatchObject({ ok: true });
    // Success clears the count.
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: "wrong" }, muchLater)).toMatchObject({ reason: "invalid" });
  });

  it("ask for the authenticator code after the password, and accept the note and code instead of the password", async () => {
    const user = await staff({ totp: true });
    const first = await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: PASSWORD });
    expect(first).toMatchObject({ ok: false, reason: "totp_required" });
    const pending = first.ok === false && first.reason === "totp_required" ? first.pending : "";

    const wrong = currentTotp(user.secret!) === "123456" ? "654321" : "123456";
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, pending, code: wrong })).toMatchObject({ ok: false, reason: "totp_invalid", pending });
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, pending, code: currentTotp(user.secret!) })).toMatchObject({ ok: true, usedTotp: true });
  });

  it("accept each code once: a code seen over someone's shoulder is already spent", async () => {
    const user = await staff({ totp: true });
    const at = new Date();
    const signIn = async () => {
      const first = await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: PASSWORD }, at);
      const pending = first.ok === false && first.reason === "totp_required" ? first.pending : "";
      return checkStaffCredentials(db, AUTH_SECRET, { email: user.email, pending, code: currentTotp(user.secret!, at.getTime()) }, at);
    };
    expect(await signIn()).toMatchObject({ ok: true });
    expect(await signIn()).toMatchObject({ ok: false, reason: "totp_invalid" });
  });

  it("refuse a second-step note that is forged, expired or for someone else", async () => {
    const [user, other] = await Promise.all([staff({ totp: true }), staff({ totp: true })]);
    const first = await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, password: PASSWORD });
    const pending = first.ok === false && first.reason === "totp_required" ? first.pending : "";
    const code = currentTotp(user.secret!);

    const forged = `${pending.split(".")[0]}.${"A".repeat(43)}`;
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, pending: forged, code })).toMatchObject({ reason: "invalid" });
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: other.email, pending, code: currentTotp(other.secret!) })).toMatchObject({ reason: "invalid" });
    const tooLate = new Date(Date.now() + 6 * 60_000);
    expect(await checkStaffCredentials(db, AUTH_SECRET, { email: user.email, pending, code: currentTotp(user.secret!, tooLate.getTime()) }, tooLate)).toMatchObject({ reason: "invalid" });
  });
});
