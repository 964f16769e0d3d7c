import { open, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import type http from "node:http";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { FileStore } from "@tus/file-store";
import { ERRORS } from "@tus/utils";
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
// query (bench:ingest's profile). A piece goes out in one writev, without copying its chunks.
const WRITE_BYTES = 1024 * 1024;

/** tus's file store, writing what arrives in large pieces. */
class UploadFileStore extends FileStore {
  override async write(readable: http.IncomingMessage | Readable, fileId: string, offset: number): Promise<number> {
    const handle = await open(join(this.directory, fileId), "r+");
    let position = offset;
    try {
      for await (const piece of inPieces(readable, WRITE_BYTES)) position = await writeAll(handle, piece, position);
    } catch {
      // As FileStore answers a write that failed or was cut short (@tus/server's errors are plain
      // objects). What was gathered but not yet written is lost: the upload's offset is its
      // file's size, so the browser sends it again.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw ERRORS.FILE_WRITE_ERROR;
    } finally {
      await handle.close();
    }
    return position;
  }
}

async function* inPieces(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer[]> {
  let gathered: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    gathered.push(chunk);
    bytes += chunk.length;
    if (bytes >= size) {
      yield gathered;
      gathered = [];
      bytes = 0;
    }
  }
  if (bytes > 0) yield gathered;
}

/** Writes the chunks at `position`, however many calls that takes; gives the position after them. */
async function writeAll(handle: FileHandle, chunks: Buffer[], position: number): Promise<number> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  let written = (await handle.writev(chunks, position)).bytesWritten;
  if (written < total) {
    const rest = Buffer.concat(chunks, total);
    while (written < total) written += (await handle.write(rest, written, total - written, position + written)).bytesWritten;
  }
  return position + total;
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
