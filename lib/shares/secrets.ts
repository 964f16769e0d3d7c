import { createHash, randomBytes, randomInt } from "node:crypto";

// What a share link is opened with. The token in the link carries 256 random bits and is kept only
// as its SHA-256 (a stolen database opens nothing). The PIN is short so a person can read it out;
// it is hashed like a password, and the lockouts in open.ts keep guessing hopeless.

export const PIN_DIGITS = 6;

export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

export function hashShareToken(token: string): string {
  return createHash("sha256").update(`share:${token}`).digest("hex");
}

/** Only what newShareToken makes: anything else is refused before a query. */
export function looksLikeShareToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function newPin(): string {
  return String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, "0");
}

/** What a person typed as a PIN, without the spaces and dashes people add. */
export function normalizePin(value: string): string {
  return value.replace(/[\s-]/g, "");
}
