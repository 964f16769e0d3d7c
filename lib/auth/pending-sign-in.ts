import { createHmac, timingSafeEqual } from "node:crypto";

// After a correct password, an account with two-step sign-in gets this short-lived, signed note
// instead of a session; the second step presents it with the code, so the password is not sent
// again and never kept in the browser.

const LIFETIME_MS = 5 * 60_000;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`pending-sign-in:${payload}`).digest("base64url");
}

export function issuePendingSignIn(userId: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ userId, expires: now + LIFETIME_MS })).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export function readPendingSignIn(token: string, secret: string, now = Date.now()): string | null {
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { userId, expires } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { userId?: unknown; expires?: unknown };
    return typeof userId === "string" && typeof expires === "number" && expires > now ? userId : null;
  } catch {
    return null;
  }
}
