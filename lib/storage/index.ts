// No `import "server-only"` in lib/storage: node scripts (seed, start) use it outside Next, where it throws.
import { env } from "../env";
import type { BlobStore } from "./blob-store";
import { LocalBlobStore } from "./local-store";

export { BlobNotFoundError, InvalidBlobKeyError } from "./blob-store";
export type { BlobStore, StoreHealth, StoredBlob } from "./blob-store";
export { assertValidBlobKey, instanceKey } from "./keys";
export { LocalBlobStore } from "./local-store";

let store: BlobStore | undefined;

/** The app's blob store: the local folder STORAGE_DIR (an S3-compatible store will plug in here). */
export function blobStore(): BlobStore {
  store ??= new LocalBlobStore(env().storageDir);
  return store;
}
