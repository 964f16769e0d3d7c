// No `import "server-only"` in lib/storage: node scripts (seed, start) use it outside Next, where it throws.
import { InvalidBlobKeyError } from "./blob-store";

const MAX_KEY_LENGTH = 512;
const KEY_CHARACTERS = /^[a-z0-9/_.-]+$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Keys are relative paths of lower-case segments. Carrier makes every key itself, but a key
 * becomes a file path, so anything that could climb out of the store's root is refused.
 * Segments starting with a dot are reserved for the store's own temp and probe files.
 */
export function assertValidBlobKey(key: string): void {
  if (key.length === 0) throw new InvalidBlobKeyError(key, "it is empty");
  if (key.length > MAX_KEY_LENGTH) {
    throw new InvalidBlobKeyError(key, `it is longer than ${MAX_KEY_LENGTH} characters`);
  }
  if (!KEY_CHARACTERS.test(key)) {
    throw new InvalidBlobKeyError(key, "only lower-case letters, digits and / _ . - are allowed");
  }
  if (key.startsWith("/")) throw new InvalidBlobKeyError(key, "it must not start with /");
  for (const segment of key.split("/")) {
    if (segment === "") throw new InvalidBlobKeyError(key, "it has an empty segment");
    if (segment === "." || segment === "..") {
      throw new InvalidBlobKeyError(key, `"${segment}" segments are not allowed`);
    }
    if (segment.startsWith(".")) {
      throw new InvalidBlobKeyError(key, "segments must not start with a dot");
    }
  }
}

/**
 * Content-addressed key of a DICOM instance: `instances/ab/cd/<sha256>.dcm`. Two levels of
 * fan-out keep any one folder to a few hundred entries even with millions of files.
 */
export function instanceKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new InvalidBlobKeyError(sha256, "an instance key needs a lower-case hex SHA-256");
  }
  return `instances/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}.dcm`;
}
