// No `import "server-only"` in lib/storage: node scripts (seed, start) use it outside Next, where it throws.
import { createHash, randomUUID } from "node:crypto";
import { constants, createReadStream, createWriteStream } from "node:fs";
import { chmod, link, mkdir, open, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BlobNotFoundError } from "./blob-store";
import type { BlobStore, ByteRange, StoreHealth, StoredBlob } from "./blob-store";
import { assertValidBlobKey } from "./keys";

// Patient data: only the account running Carrier may read it.
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** ENOTDIR too: a key whose parent "folder" is a file is just as absent. */
function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

/** Hashes and counts bytes as they pass, so nothing needs a second read or a whole-file buffer. */
function measuringStream(hash: ReturnType<typeof createHash>, onBytes: (count: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
}

const READ_CHUNK_BYTES = 1024 * 1024;

/** `length` bytes from `start` (fewer if the file ends first) into `into` or a buffer of their own, however many reads that takes. */
async function readFully(handle: FileHandle, start: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
  // Not from Node's shared pool: readers may hand the chunk's ArrayBuffer to a decoder whole.
  const buffer = into ?? Buffer.allocUnsafeSlow(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function flushFile(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A blob store over a folder on local disk; the default when no object store is configured. */
export class LocalBlobStore implements BlobStore {
  readonly root: string;
  // Folders made by this process: ingest writes hundreds of files a second into a few hundred folders.
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Creates the root folder if missing. health() only inspects, so start-up calls this first. */
  async ensureRoot(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: FOLDER_MODE });
  }

  private async ensureFolder(folder: string): Promise<void> {
    if (this.folders.has(folder)) return;
    await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
    this.folders.add(folder);
  }

  private pathOf(key: string): string {
    assertValidBlobKey(key);
    const path = join(this.root, ...key.split("/"));
    // assertValidBlobKey already rules out escapes; this guards against a future change to it.
    const rootPrefix = this.root.endsWith(sep) ? this.root : this.root + sep;
    if (!path.startsWith(rootPrefix)) throw new Error(`Blob key "${key}" resolves outside the store`);
    return path;
  }

  async put(key: string, body: Readable | Uint8Array): Promise<StoredBlob> {
    const target = this.pathOf(key);
    const folder = dirname(target);
    await this.ensureFolder(folder);
    // A temp file in the same folder makes the final rename atomic: readers see all or nothing.
    const temp = join(folder, `.${basename(target)}.${randomUUID()}.tmp`);
    const hash = createHash("sha256");
    let bytes = 0;
    const source = body instanceof Uint8Array ? Readable.from([body]) : body;
    try {
      await pipeline(
        source,
        measuringStream(hash, (count) => (bytes += count)),
        // flush: the data is on disk before the rename publishes it under its key.
        createWriteStream(temp, { flags: "wx", mode: FILE_MODE, flush: true }),
      );
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return { bytes, sha256: hash.digest("hex") };
  }

  async putFile(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    await this.ensureFolder(dirname(target));
    // On disk before it is published, as put's are: the file was written by someone else (tus, the
    // unzipping) without a flush, and the index will call it stored once this returns.
    await flushFile(path);
    try {
      // A hard link publishes the file atomically and copies nothing; the upload keeps its own name
      // until the caller has recorded the blob, so a crash in between loses nothing.
      await link(path, target).catch(async (error: unknown) => {
        if (errorCode(error) !== "ENOENT") throw error;
        // The folder went away behind this process's back: make it again, once.
        this.folders.delete(dirname(target));
        await this.ensureFolder(dirname(target));
        await link(path, target);
      });
      await chmod(target, FILE_MODE);
    } catch (error) {
      const code = errorCode(error);
      if (code === "EEXIST") return;
      // Another file system (STORAGE_DIR on its own disk), or one without hard links: copy.
      if (code === "EXDEV" || code === "EPERM" || code === "ENOTSUP") {
        if (!(await this.exists(key))) await this.put(key, createReadStream(path));
        return;
      }
      throw error;
    }
  }

  async putBytes(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    const folder = dirname(target);
    await this.ensureFolder(folder);
    const temp = join(folder, `.${basename(target)}.${randomUUID()}.tmp`);
    // O_DSYNC: each write is on disk before it returns, so the file needs no fsync of its own.
    // Few calls: each file operation costs the request thread a hop to the thread pool.
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_DSYNC;
    const handle = await open(temp, flags, FILE_MODE).catch(async (error: unknown) => {
      if (errorCode(error) !== "ENOENT") throw error;
      // The folder went away behind this process's back: make it again, once.
      this.folders.delete(folder);
      await this.ensureFolder(folder);
      return open(temp, flags, FILE_MODE);
    });
    try {
      let written = 0;
      while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written, written)).bytesWritten;
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    // Over a blob already there under the key: the same bytes, so nothing changes.
    await rename(temp, target);
  }

  /** The blob's file, opened for reading; BlobNotFoundError when there is none. */
  private async openBlob(key: string): Promise<FileHandle> {
    try {
      return await open(this.pathOf(key), "r");
    } catch (error) {
      if (isMissing(error)) throw new BlobNotFoundError(key);
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const handle = await this.openBlob(key);
    // Opening first, then streaming from the handle, means a blob deleted meanwhile still reads whole.
    const facts = await handle.stat();
    if (!facts.isFile()) {
      await handle.close();
      throw new BlobNotFoundError(key);
    }
    const start = range?.start ?? 0;
    const length = Math.max(0, Math.min(range?.end ?? facts.size, facts.size) - start);
    // An image or a frame (most blobs) is read in one call: a read stream costs a second read to
    // find the end, and its machinery, per blob (500 CT images sent as one multipart response
    // took about 1.7 times as long that way, measured apart from Carrier).
    if (length <= READ_CHUNK_BYTES) {
      try {
        return Readable.from([await readFully(handle, start, length)], { objectMode: false });
      } finally {
        await handle.close();
      }
    }
    // Large reads: a study streams out file after file (createReadStream's end is inclusive).
    return handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, start, end: start + length - 1 });
  }

  async readInto(key: string, scratch: Uint8Array, expectedBytes?: number): Promise<Uint8Array | undefined> {
    const handle = await this.openBlob(key);
    try {
      // With the size the index recorded, one read call usually does: asked for a byte more than
      // that, a file that gives exactly that has ended (a regular file reads short only at its end).
      if (expectedBytes !== undefined && expectedBytes < scratch.byteLength) {
        const { bytesRead } = await handle.read(scratch, 0, expectedBytes + 1, 0);
        if (bytesRead === expectedBytes) return scratch.subarray(0, bytesRead);
      }
      // No stat first (one call fewer per blob): a read that fills the scratch may have more to come.
      const read = await readFully(handle, 0, scratch.byteLength, scratch);
      return read.byteLength < scratch.byteLength ? read : undefined;
    } finally {
      await handle.close();
    }
  }

  async exists(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async health(): Promise<StoreHealth> {
    try {
      if (!(await stat(this.root)).isDirectory()) {
        return { ok: false, reason: `blob store root ${this.root} is not a folder` };
      }
    } catch (error) {
      const why = isMissing(error) ? "does not exist" : `cannot be read (${errorCode(error) ?? String(error)})`;
      return { ok: false, reason: `blob store root ${this.root} ${why}` };
    }
    const probe = join(this.root, `.health-${randomUUID()}`);
    try {
      await writeFile(probe, "ok", { flag: "wx", mode: FILE_MODE });
      await unlink(probe);
      return { ok: true };
    } catch (error) {
      await rm(probe, { force: true }).catch(() => undefined);
      return {
        ok: false,
        reason: `blob store root ${this.root} is not writable (${errorCode(error) ?? String(error)})`,
      };
    }
  }
}
