import { createHash } from "node:crypto";
import type { Database } from "../db/prisma";

// Password sign-in back-off, kept per email address whether or not an account exists, so what a
// caller sees never tells them which addresses have accounts. After FREE_ATTEMPTS failures each
// further failure locks the address for twice as long, from 1 minute up to 1 hour.

const FREE_ATTEMPTS = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;

const keyFor = (email: string) => createHash("sha256").update(`password:${email}`).digest("hex");

export type ThrottleState = { lockedUntil: Date | null };

export async function throttleState(db: Database, email: string, now = new Date()): Promise<ThrottleState> {
  const row = await db.signInThrottle.findUnique({ where: { key: keyFor(email) } });
  return { lockedUntil: row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
}

export async function recordFailure(db: Database, email: string, now = new Date()): Promise<ThrottleState> {
  const key = keyFor(email);
  const row = await db.signInThrottle.upsert({ where: { key }, create: { key, failures: 1 }, update: { failures: { increment: 1 } } });
  if (row.failures < FREE_ATTEMPTS) return { lockedUntil: null };
  const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (row.failures - FREE_ATTEMPTS), LONGEST_LOCK_MS);
  const lockedUntil = new Date(now.getTime() + lockMs);
  await db.signInThrottle.update({ where: { key }, data: { lockedUntil } });
  return { lockedUntil };
}

export async function recordSuccess(db: Database, email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keyFor(email) } });
}
