import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// What an API key looks like: "carrier_" and 8 hex characters that tell keys apart (the prefix,
// shown in lists and stored as it is), "_", then 64 hex characters of secret (32 random bytes).
// Hex, so that a double click selects the whole key and no character needs escaping anywhere.
//
// Only the key's SHA-256 is stored. Passwords need a slow hash (argon2) because people choose
// them and an attacker with the database can guess them; this key is 256 random bits that nobody
// can guess at any speed, so a slow hash would add no protection, only cost: tens of
// milliseconds and megabytes of memory on every DICOMweb request, which a flood of requests with
// made-up keys would turn against the server.

export const API_KEY_PREFIX_START = "carrier_";
const KEY_SHAPE = /^(carrier_[0-9a-f]{8})_[0-9a-f]{64}$/;

export type NewApiKey = { key: string; prefix: string; secretHash: string };

export function newApiKey(): NewApiKey {
  const prefix = `${API_KEY_PREFIX_START}${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("hex")}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** SHA-256 of the whole key (prefix included), in hex: what the database keeps. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** The prefix of something shaped like one of our keys, or null: anything else is refused without a query. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_SHAPE.exec(key)?.[1] ?? null;
}

/** Whether a presented key hashes to the stored hash, in time that does not depend on where they differ. */
export function apiKeyMatches(key: string, secretHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
