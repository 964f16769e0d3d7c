import { createHash } from "node:crypto";
import type { Database } from "../db/prisma";

// Back-off after failed attempts, kept per subject (an email address for passwords, whether or
// not an account exists, so what a caller sees never tells them which addresses have accounts;
// a client address for share-link PINs). After a rule's free attempts each further failure locks
// the subject for twice as long as the last, up to the rule's longest lock.

export type ThrottleRule = { name: string; freeAttempts: number; firstLockMs: number; longestLockMs: number };

export const PASSWORD_THROTTLE: ThrottleRule = { name: "password", freeAttempts: 5, firstLockMs: 60_000, longestLockMs: 60 * 60_000 };

const keyFor = (rule: ThrottleRule, subject: string) => createHash("sha256").update(`${rule.name}:${subject}`).digest("hex");

export type ThrottleState = { lockedUntil: Date | null };

export async function throttleState(db: Database, rule: ThrottleRule, subject: string, now = new Date()): Promise<ThrottleState> {
  const row = await db.signInThrottle.findUnique({ where: { key: keyFor(rule, subject) } });
  return { lockedUntil: row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
}

export async function recordFailure(db: Database, rule: ThrottleRule, subject: string, now = new Date()): Promise<ThrottleState> {
  const key = keyFor(rule, subject);
  const row = await db.signInThrottle.upsert({ where: { key }, create: { key, failures: 1 }, update: { failures: { increment: 1 } } });
  if (row.failures < rule.freeAttempts) return { lockedUntil: null };
  const lockMs = Math.min(rule.firstLockMs * 2 ** (row.failures - rule.freeAttempts), rule.longestLockMs);
  const lockedUntil = new Date(now.getTime() + lockMs);
  await db.signInThrottle.update({ where: { key }, data: { lockedUntil } });
  return { lockedUntil };
}

export async function recordSuccess(db: Database, rule: ThrottleRule, subject: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keyFor(rule, subject) } });
}
