// No `import "server-only"` in lib/storage: node scripts (seed, start) use it outside Next, where it throws.
import { env } from "../env";
import type { Env } from "../env";
import type { BlobStore } from "./blob-store";
import { LocalBlobStore } from "./local-store";
import { S3BlobStore } from "./s3-store";

export { BlobNotFoundError, InvalidBlobKeyError } from "./blob-store";
export type { BlobStore, ByteRange, StoreHealth, StoredBlob } from "./blob-store";
export { assertValidBlobKey, instanceKey } from "./keys";
export { LocalBlobStore } from "./local-store";
export { S3BlobStore } from "./s3-store";

let store: BlobStore | undefined;

/** The blob store the settings name: S3-compatible object storage when S3_BUCKET is set, else the folder STORAGE_DIR. */
export function createBlobStore(settings: Pick<Env, "storageDir" | "s3">): BlobStore {
  return settings.s3 ? new S3BlobStore(settings.s3) : new LocalBlobStore(settings.storageDir);
}

/** The app's blob store. */
export function blobStore(): BlobStore {
  store ??= createBlobStore(env());
  return store;
}
