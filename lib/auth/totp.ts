import { Secret, TOTP } from "otpauth";
import { open, seal } from "./secret-box";

// Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s), as every authenticator app expects.
// One step of clock drift either way is accepted.

const PURPOSE = "totp-secret";

function totp(secret: Secret, email: string): TOTP {
  return new TOTP({ issuer: "Carrier", label: email, algorithm: "SHA1", digits: 6, period: 30, secret });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(base32: string, email: string): string {
  return totp(Secret.fromBase32(base32), email).toString();
}

const PERIOD_MS = 30_000;

/** The time step the code belongs to, or null when it is not a current code. */
export function totpStep(base32: string, code: string, at = Date.now()): number | null {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return null;
  const delta = totp(Secret.fromBase32(base32), "").validate({ token: digits, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / PERIOD_MS) + delta;
}

export function checkTotp(base32: string, code: string, at = Date.now()): boolean {
  return totpStep(base32, code, at) !== null;
}

export function currentTotp(base32: string, at = Date.now()): string {
  return totp(Secret.fromBase32(base32), "").generate({ timestamp: at });
}

export const sealTotpSecret = (base32: string, authSecret: string) => seal(base32, authSecret, PURPOSE);
export const openTotpSecret = (sealed: string, authSecret: string) => open(sealed, authSecret, PURPOSE);
