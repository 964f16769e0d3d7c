import { unlink } from "node:fs/promises";
import { join } from "node:path";
import { FileStore } from "@tus/file-store";
import type { Upload } from "@tus/utils";
import type { FinishedUpload } from "./upload";

// Where tus keeps uploads while they arrive: a folder beside the blob store (same disk, so a
// finished file is linked into the store, not copied). Unfinished uploads expire after a week;
// start-up removes them (scripts/recover-uploads.ts). Not tus's own expiration extension: with it,
// @tus/server reads an upload back after onUploadFinish, when ingest has already removed it.

export const UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;

export function uploadsDir(dataDir: string): string {
  return join(dataDir, "uploads");
}

export function uploadFileStore(dataDir: string): FileStore {
  return new FileStore({ directory: uploadsDir(dataDir) });
}

/** Upload metadata: what the browser says (batch, file name, kind) and who owns it (set by the server). */
export type UploadKind = "file" | "zip" | "bundle";
export type UploadMetadata = { batchId: string; filename: string; kind: UploadKind; owner: string };

const KINDS: readonly string[] = ["file", "zip", "bundle"] satisfies UploadKind[];

const MAX_NAME = 300;

/** A display name from the browser: printable, bounded; never used as a path. */
export function displayName(value: string | null | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const cleaned = (value ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, MAX_NAME);
  return cleaned || "unnamed file";
}

export function uploadMetadata(upload: Upload): Partial<UploadMetadata> {
  const metadata = upload.metadata ?? {};
  return {
    batchId: metadata.batchId ?? undefined,
    filename: metadata.filename ?? undefined,
    kind: KINDS.includes(metadata.kind ?? "") ? (metadata.kind as UploadKind) : "file",
    owner: metadata.owner ?? undefined,
  };
}

/** Every byte has arrived. */
export const isWhole = (upload: Upload) => upload.size !== undefined && upload.offset === upload.size;

export function finishedUpload(store: FileStore, upload: Upload): FinishedUpload {
  const metadata = uploadMetadata(upload);
  return { id: upload.id, path: join(store.directory, upload.id), name: displayName(metadata.filename), bytes: upload.size ?? upload.offset, isZip: metadata.kind !== "file", isBundle: metadata.kind === "bundle" };
}

/** Removes an ingested upload's bytes and its tus record. */
export async function removeUpload(store: FileStore, id: string): Promise<void> {
  await unlink(join(store.directory, id)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  await store.configstore.delete(id);
}
