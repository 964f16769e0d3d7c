// No `import "server-only"` in lib/storage: node scripts (seed, start) use it outside Next, where it throws.
import type { Readable } from "node:stream";

/** What a finished write produced, measured while streaming. */
export interface StoredBlob {
  bytes: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
}

/** Bytes from `start` up to, not including, `end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoreHealth {
  ok: boolean;
  reason?: string;
}

/**
 * Where DICOM files live. Keys are made by Carrier (see `instanceKey`), never taken from a
 * user; a blob is reached only through the record that owns it, after the access check.
 */
export interface BlobStore {
  /** Writes the whole body or nothing: a failed write leaves no blob and no partial file. */
  put(key: string, body: Readable | Uint8Array): Promise<StoredBlob>;
  /**
   * Stores a finished local file under a content-addressed key, leaving the file where it is
   * (the caller removes it once the blob is recorded). When the key already holds a blob, that
   * blob is kept: the same key means the same bytes.
   */
  putFile(key: string, path: string): Promise<void>;
  /**
   * Stores bytes held in memory under their content-addressed key, for good (flushed to disk, or
   * in the bucket) before it returns. When the key already holds a blob, the same key means the
   * same bytes.
   */
  putBytes(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * Streams a blob, or the bytes `range.start` up to (not including) `range.end` of it; rejects
   * with BlobNotFoundError when there is none under the key. A range past the end gives what is there.
   */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /**
   * The whole blob read into `scratch` when it fits: a view of it, good until the caller reuses
   * `scratch`. Undefined when it does not fit, or when the store cannot (the caller then uses get).
   */
  readInto?(key: string, scratch: Uint8Array, expectedBytes?: number): Promise<Uint8Array | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes a blob; removing one that is already gone is not an error. */
  delete(key: string): Promise<void>;
  health(): Promise<StoreHealth>;
}

export class BlobNotFoundError extends Error {
  readonly code = "blob.not_found";

  constructor(readonly key: string) {
    super(`No blob is stored under "${key}"`);
    this.name = "BlobNotFoundError";
  }
}

export class InvalidBlobKeyError extends Error {
  readonly code = "blob.invalid_key";

  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid blob key "${key}": ${reason}`);
    this.name = "InvalidBlobKeyError";
  }
}
