import { createHash, randomBytes } from "node:crypto";

// UUID-derived UIDs under the "2.25" root (PS3.5 B.2) need no registered org root and
// cannot collide in practice: 128 bits as one decimal component is at most 44 characters.
const UUID_ROOT = "2.25";

/** Digits and dots, no empty or leading-zero components, at most 64 characters (PS3.5 9.1). */
const DICOM_UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

export function isDicomUid(value: string): boolean {
  return value.length <= 64 && DICOM_UID_PATTERN.test(value);
}

function uidFrom128Bits(bits: Uint8Array): string {
  const hex = Buffer.from(bits.subarray(0, 16)).toString("hex");
  return `${UUID_ROOT}.${BigInt(`0x${hex}`).toString(10)}`;
}

/** A fresh UID from 128 random bits. */
export function randomDicomUid(): string {
  return uidFrom128Bits(randomBytes(16));
}

/**
 * The same UID for the same seed and parts, so demo data and tests can be reproduced.
 * Parts name the role ("study", "series", 1, "instance", 3) so siblings never collide.
 */
export function seededDicomUid(seed: string, ...parts: (string | number)[]): string {
  const digest = createHash("sha256").update([seed, ...parts].join("\u0000")).digest();
  return uidFrom128Bits(digest);
}
