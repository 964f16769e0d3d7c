import type { Database } from "../db/prisma";
import { verifyPassword } from "./password";
import { issuePendingSignIn, readPendingSignIn } from "./pending-sign-in";
import { PASSWORD_THROTTLE, recordFailure, recordSuccess, throttleState } from "./throttle";
import { openTotpSecret, totpStep } from "./totp";

// Staff sign in with email and password, then, when they set one up, a code from their
// authenticator app. Answers never say whether an email has an account: a wrong email and a wrong
// password read the same, and lockouts apply to any address.

export const STAFF_ROLES = ["FRONT_DESK", "ADMIN"] as const;

export type StaffCredentials = { email: string; password?: string; pending?: string; code?: string };
type SignedInUser = { id: string; email: string; name: string };
export type StaffCheck =
  | { ok: true; user: SignedInUser; usedTotp: boolean }
  | { ok: false; reason: "totp_required"; pending: string }
  | { ok: false; reason: "invalid" | "totp_invalid"; userId?: string; pending?: string }
  | { ok: false; reason: "locked"; retryAt: Date };

const activeStaff = (db: Database, where: { email: string } | { id: string }) =>
  db.user.findFirst({ where: { ...where, deactivatedAt: null, role: { in: [...STAFF_ROLES] } } });

export async function checkStaffCredentials(db: Database, authSecret: string, input: StaffCredentials, now = new Date()): Promise<StaffCheck> {
  const email = input.email.trim().toLowerCase();
  const throttle = await throttleState(db, PASSWORD_THROTTLE, email, now);
  if (throttle.lockedUntil) return { ok: false, reason: "locked", retryAt: throttle.lockedUntil };
  const failed = async (reason: "invalid" | "totp_invalid", userId?: string, pending?: string): Promise<StaffCheck> => {
    const state = await recordFailure(db, PASSWORD_THROTTLE, email, now);
    if (state.lockedUntil) return { ok: false, reason: "locked", retryAt: state.lockedUntil };
    return { ok: false, reason, userId, pending };
  };

  // Second step: the note from the first step, and the code.
  if (input.pending) {
    const userId = readPendingSignIn(input.pending, authSecret, now.getTime());
    const user = userId ? await activeStaff(db, { id: userId }) : null;
    if (!user || user.email !== email || !user.totpSecret || !user.totpEnabledAt) return failed("invalid");
    const step = totpStep(openTotpSecret(user.totpSecret, authSecret), input.code ?? "", now.getTime());
    if (step === null) return failed("totp_invalid", user.id, input.pending);
    // Each code works once: claim its step, unless this or a later one was already used.
    const claimed = await db.user.updateMany({ where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] }, data: { totpLastStep: step } });
    if (claimed.count === 0) return failed("totp_invalid", user.id, input.pending);
    await recordSuccess(db, PASSWORD_THROTTLE, email);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name }, usedTotp: true };
  }

  const user = await activeStaff(db, { email });
  const passwordMatches = await verifyPassword(user?.passwordHash, input.password ?? "");
  if (!user || !passwordMatches) return failed("invalid", user?.id);
  if (user.totpSecret && user.totpEnabledAt) return { ok: false, reason: "totp_required", pending: issuePendingSignIn(user.id, authSecret, now.getTime()) };
  await recordSuccess(db, PASSWORD_THROTTLE, email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, usedTotp: false };
}
