import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, read as fsRead } from "node:fs";
import { open, rm } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32 } from "node:zlib";
import yauzl from "yauzl";
import type { Entry, ZipFile } from "yauzl";

// Zip files are unpacked on the server one entry at a time, from the finished upload on disk
// (random access: the central directory is the truth, not the local headers a stream would see),
// under limits that stop zip bombs and entries that point outside the zip.

export type ZipLimits = {
  maxEntries: number;
  /** Unpacked size of all entries together. */
  maxTotalBytes: number;
  /** Unpacked size / packed size of one entry, above which it is treated as a bomb. */
  maxRatio: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 20_000, maxTotalBytes: 16 * 1024 ** 3, maxRatio: 200 };

/**
 * An entry unpacked to a temp file or, when small and stored as it is, read into memory (either
 * with the SHA-256 of its bytes), or one refused with a sentence for the patient.
 */
export type ZipEntry =
  | { name: string; path: string; sha256: string }
  | { name: string; bytes: Uint8Array; sha256: string }
  | { name: string; refused: { code: string; message: string } };

// Entries handled at once: the next entry unpacks while earlier ones are checked and filed.
const PARALLEL_ENTRIES = 4;
// Stored entries up to this size (a CT or MR slice; the upload page's bundles hold nothing else)
// are read in one read and filed from memory: a temp file each took a dozen file operations.
// Bounds what one ingest holds at once: (PARALLEL_ENTRIES + 1) × 4 MB.
const IN_MEMORY_BYTES = 4 * 1024 * 1024;

export class ZipRefusedError extends Error {
  constructor(
    readonly code: "not_zip" | "zip_too_many_entries" | "zip_too_large",
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = "ZipRefusedError";
  }
}

const NOT_ZIP = "This file is not a zip file Carrier can open, or it is damaged. Make the zip again, or send the files themselves.";
// Entries a CD or an operating system adds that are never images: skipped without a word.
const IGNORED = [/^__MACOSX\//, /(^|\/)\.DS_Store$/, /(^|\/)Thumbs\.db$/i, /(^|\/)DICOMDIR$/i];
// Bombs compress extremely well; real DICOM (even blank slices) rarely passes 200:1 over a megabyte.
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * Unpacks a zip entry by entry into `workDir`, handing each to `handle`, a few at a time; an
 * entry's temp file is removed when its handler is done. Entries are refused one by one (unsafe
 * path, bomb, password, damage); the whole zip is refused with ZipRefusedError when it cannot be
 * read or passes the entry count or total size limits, after the entries before that point were
 * handled. `skip` names entries already handled (a retry after a crash): they are not unpacked.
 */
export async function expandZip(path: string, workDir: string, limits: ZipLimits, handle: (entry: ZipEntry) => Promise<void>, skip: (name: string) => boolean = () => false): Promise<void> {
  const file = await open(path, "r");
  const zip = await openZip(path, file).catch(async (error: unknown) => {
    await file.close();
    throw error;
  });
  const pending = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const buffers = new EntryBuffers();
  const start = (work: Promise<void>) => {
    const tracked: Promise<void> = work.catch((error: unknown) => void failures.push(error)).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipRefusedError("zip_too_many_entries", `This zip file holds ${zip.entryCount.toLocaleString("en")} files, more than the ${limits.maxEntries.toLocaleString("en")} Carrier unpacks from one zip. Split it into smaller zips.`);
    }
    let totalBytes = 0;
    let index = 0;
    for await (const entry of entries(zip)) {
      // The handler's own failures (database, disk) are not the zip's fault: they stop the unpacking.
      if (failures.length > 0) break;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, false);
      if (name.endsWith("/") || IGNORED.some((pattern) => pattern.test(name)) || skip(name)) continue;
      const refusal = refuseEntry(name, entry, limits);
      if (refusal) {
        start(handle({ name, refused: refusal }));
        continue;
      }
      totalBytes += entry.uncompressedSize;
      if (totalBytes > limits.maxTotalBytes) {
        throw new ZipRefusedError("zip_too_large", `This zip file unpacks to more than ${Math.round(limits.maxTotalBytes / 1024 ** 3)} GB, more than Carrier takes from one zip. Carrier stopped unpacking it there; split it into smaller zips.`);
      }
      const damaged: ZipEntry = { name, refused: { code: "zip_entry_damaged", message: "This file in the zip is damaged and could not be unpacked." } };
      // A damaged entry (bad CRC, wrong size, bad deflate data) spoils only itself.
      if (entry.compressionMethod === 0 && entry.compressedSize <= IN_MEMORY_BYTES) {
        const buffer = buffers.take();
        const read = await readStoredEntry(file, entry, buffer).catch(() => null);
        start(handle(read ? { name, ...read } : damaged).finally(() => buffers.give(buffer)));
      } else {
        const target = join(workDir, `entry-${index++}`);
        const sha256 = await unpackEntry(zip, path, entry, target).catch(() => null);
        start(handle(sha256 ? { name, path: target, sha256 } : damaged).finally(() => rm(target, { force: true })));
      }
      while (pending.size >= PARALLEL_ENTRIES) await Promise.race(pending);
    }
  } finally {
    await Promise.all(pending);
    zip.close();
    await file.close();
  }
  if (failures.length > 0) throw failures[0];
}

function refuseEntry(name: string, entry: Entry, limits: ZipLimits): { code: string; message: string } | null {
  if (yauzl.validateFileName(name) !== null || /^[a-zA-Z]:/.test(name)) {
    return { code: "zip_unsafe_path", message: "This entry's name points outside the zip (it starts with / or contains ..), so Carrier did not unpack it." };
  }
  if (entry.isEncrypted()) {
    return { code: "zip_encrypted", message: "This file in the zip is protected with a password, so Carrier cannot read it. Make the zip again without a password." };
  }
  if (!entry.canDecodeFileData()) {
    return { code: "zip_unsupported", message: "This file in the zip is packed in a way Carrier cannot unpack. Make the zip again with your computer's built-in zip tool." };
  }
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
    return { code: "zip_bomb", message: `This file in the zip would unpack to ${Math.round(ratio)} times its packed size, the mark of a "zip bomb", so Carrier did not unpack it.` };
  }
  return null;
}

async function openZip(path: string, file: FileHandle): Promise<ZipFile> {
  const { size } = await file.stat();
  const tailStart = Math.max(0, size - TAIL_BYTES);
  const tail = Buffer.allocUnsafe(size - tailStart);
  await file.read(tail, 0, tail.length, tailStart);
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false };
    yauzl.fromRandomAccessReader(new ZipReader(path, file.fd, tail, tailStart), size, options, (error, zip) => {
      if (error) reject(new ZipRefusedError("not_zip", NOT_ZIP));
      else resolve(zip);
    });
  });
}

// The end of a zip, read once: its central directory, which yauzl reads in two small reads per
// entry, is there (a bundle's hundred entries take a few kilobytes; a CD's thousands, a few hundred).
const TAIL_BYTES = 256 * 1024;

/** yauzl's access to the zip: what lies in the tail from memory, the rest from the file. The caller closes the file. */
class ZipReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly path: string,
    private readonly fd: number,
    private readonly tail: Buffer,
    private readonly tailStart: number,
  ) {
    super();
  }

  // Deflated entries: a stream of their own over the range.
  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream(this.path, { start, end: end - 1, highWaterMark: CHUNK_BYTES });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    // yauzl reads the count of bytes read as a second argument (its types leave it out).
    const done: (error: Error | null, bytesRead?: number) => void = callback;
    if (position >= this.tailStart && position + length <= this.tailStart + this.tail.length) {
      const copied = this.tail.copy(buffer, offset, position - this.tailStart, position - this.tailStart + length);
      queueMicrotask(() => done(null, copied));
      return;
    }
    fsRead(this.fd, buffer, offset, length, position, (error, bytesRead) => done(error, bytesRead));
  }

  override close(callback: (err: Error | null) => void): void {
    queueMicrotask(() => callback(null));
  }
}

/** The zip's central directory, one entry at a time. */
async function* entries(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const next = await new Promise<Entry | null>((resolve, reject) => {
      const cleanup = () => zip.removeAllListeners("entry").removeAllListeners("end").removeAllListeners("error");
      zip.once("entry", (entry: Entry) => (cleanup(), resolve(entry)));
      zip.once("end", () => (cleanup(), resolve(null)));
      zip.once("error", () => (cleanup(), reject(new ZipRefusedError("not_zip", NOT_ZIP))));
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}

// A local file header: signature, then fixed fields up to the lengths of its name and extra field.
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/**
 * Buffers for small entries, used again once an entry's handler is done with its bytes: a CD's
 * hundreds of half-megabyte slices would otherwise each be a fresh allocation for the collector.
 * At most PARALLEL_ENTRIES + 1 are in use at once per zip.
 */
class EntryBuffers {
  private readonly spare: Buffer[] = [];

  take(): Buffer {
    // Not from Node's shared pool: the bytes are handed on whole. Room for the local header too.
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(IN_MEMORY_BYTES + LOCAL_HEADER_BYTES + 2 * 0xffff);
  }

  give(buffer: Buffer): void {
    this.spare.push(buffer);
  }
}

/**
 * A small stored entry's bytes, read with its local header in one read into `buffer` (the
 * header's own name and extra lengths say where the data starts), its CRC-32 checked, with their
 * SHA-256. The bytes are a view of `buffer`.
 */
async function readStoredEntry(file: FileHandle, entry: Entry, buffer: Buffer): Promise<{ bytes: Uint8Array; sha256: string }> {
  const start = entry.relativeOffsetOfLocalHeader;
  // The central directory's name and extra lengths: the local header's are the same, as a rule.
  const guess = LOCAL_HEADER_BYTES + entry.fileNameLength + entry.extraFieldLength + entry.compressedSize;
  let { bytesRead } = await file.read(buffer, 0, guess, start);
  if (bytesRead < LOCAL_HEADER_BYTES || buffer.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new Error("no local header");
  const dataStart = LOCAL_HEADER_BYTES + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
  // Not as a rule (Info-ZIP's local extra fields are longer): the rest of the data, read on.
  if (dataStart + entry.compressedSize > guess && bytesRead === guess) {
    bytesRead += (await file.read(buffer, guess, dataStart + entry.compressedSize - guess, start + guess)).bytesRead;
  }
  if (bytesRead < dataStart + entry.compressedSize) throw new Error("entry is shorter than declared");
  const bytes = buffer.subarray(dataStart, dataStart + entry.compressedSize);
  if (crc32(bytes) !== entry.crc32) throw new Error("entry fails its CRC-32 check");
  return { bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/**
 * Streams one entry to disk, enforcing its declared size and checking its CRC-32 (yauzl checks
 * sizes but not CRCs, and a damaged deflate stream can still inflate to the right size). Gives
 * the SHA-256 of the bytes, measured on the way, so ingest need not read the file again for it.
 */
async function unpackEntry(zip: ZipFile, zipPath: string, entry: Entry, target: string): Promise<string> {
  const source = await entryStream(zip, zipPath, entry);
  const hash = createHash("sha256");
  let written = 0;
  let crc = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      crc = crc32(chunk, crc);
      hash.update(chunk);
      if (written > entry.uncompressedSize) callback(new Error("entry is larger than declared"));
      else callback(null, chunk);
    },
    flush(callback) {
      callback(crc === entry.crc32 ? null : new Error("entry fails its CRC-32 check"));
    },
  });
  await pipeline(source, check, createWriteStream(target, { flags: "wx", mode: 0o600, highWaterMark: CHUNK_BYTES }));
  return hash.digest("hex");
}

// Large reads and writes: yauzl's own streams read 16 KB at a time, a syscall (and a hash update)
// per 16 KB, which made unpacking cost more than all the rest of ingest.
const CHUNK_BYTES = 1024 * 1024;

/** An entry's bytes: a stored (uncompressed) entry straight from its range of the file. */
async function entryStream(zip: ZipFile, zipPath: string, entry: Entry): Promise<Readable> {
  if (entry.compressionMethod !== 0 || entry.compressedSize === 0) return zip.openReadStreamPromise(entry);
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  return createReadStream(zipPath, { start: fileDataStart, end: fileDataStart + entry.compressedSize - 1, highWaterMark: CHUNK_BYTES });
}
