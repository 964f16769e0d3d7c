import { unlink } from "node:fs/promises";
import type http from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
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

// What arrives is written in pieces of about this size, not as the network hands it over (16 to
// 64 KB): each write is a hop to the thread pool that costs the request thread as much as a
// query (bench:ingest's profile).
const WRITE_BYTES = 1024 * 1024;

/** tus's file store, writing what arrives in large pieces. */
class UploadFileStore extends FileStore {
  override write(readable: http.IncomingMessage | Readable, fileId: string, offset: number): Promise<number> {
    // What is still gathered when the connection drops is not written: the upload's offset is its
    // file's size, so the browser sends those bytes again when it resumes.
    return super.write(Readable.from(inPieces(readable, WRITE_BYTES), { objectMode: false }), fileId, offset);
  }
}

async function* inPieces(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let gathered: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    gathered.push(chunk);
    bytes += chunk.length;
    if (bytes >= size) {
      yield Buffer.concat(gathered, bytes);
      gathered = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield Buffer.concat(gathered, bytes);
}

export function uploadFileStore(dataDir: string): FileStore {
  return new UploadFileStore({ directory: uploadsDir(dataDir) });
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
