import { createHash, randomBytes } from "node:crypto";

// One-time account links (invitations): 32 random bytes in the link, only their sha256 in the
// database, so a copy of the database opens no account.

export const INVITATION_DAYS = 7;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newAccountToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashAccountToken(token) };
}

export function hashAccountToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a string could be one of our tokens at all; anything else is refused without a query. */
export function looksLikeAccountToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
}
