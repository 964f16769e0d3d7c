import { crc32 } from "./crc32";
import { centralFileHeader, dataDescriptor, dosTime, encodeName, endOfCentralDirectory, localFileHeader, MAX_16, MAX_32 } from "./zip-records";
import type { CentralEntry } from "./zip-records";

// Writes a zip file as a stream, one entry after the other, each stored as it is (no compression:
// DICOM pixel data barely shrinks, and the server's CPU is better spent elsewhere). Only the central
// directory (under 100 bytes an entry) is kept until the end, so a study of any size streams with
// flat memory. ZIP64 records take over past 4 GiB or 65,535 entries. fflate's streaming zip writes
// neither, so this is a small writer of our own.

export type ZipEntry = {
  /** The path inside the zip, "/"-separated. */
  name: string;
  /** The exact number of bytes `body` yields: decides, before the data, whether the entry needs ZIP64. */
  size: number;
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
};

/** Where ZIP64 starts: a size, offset or count at or above these no longer fits its classic field. */
export type Zip64Limits = { size: number; offset: number; count: number };
export const ZIP64_LIMITS: Zip64Limits = { size: MAX_32, offset: MAX_32, count: MAX_16 };

export class ZipEntrySizeError extends Error {
  constructor(name: string, declared: number, actual: number) {
    super(`Zip entry ${name} yielded ${actual} bytes, not the ${declared} it declared`);
    this.name = "ZipEntrySizeError";
  }
}

/**
 * The zip file's bytes for the entries, produced as they are pulled: an entry's body is read only
 * when the consumer gets that far, so a slow reader slows the reading of the sources too. Node
 * callers may pass zlib's native CRC-32, several times faster than the shared one.
 */
export async function* zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  options: { modified?: Date; limits?: Zip64Limits; checksum?: (bytes: Uint8Array, previous: number) => number } = {},
): AsyncGenerator<Uint8Array> {
  const limits = options.limits ?? ZIP64_LIMITS;
  const checksum = options.checksum ?? crc32;
  const modified = dosTime(options.modified ?? new Date());
  const central: CentralEntry[] = [];
  let offset = 0;

  for await (const entry of entries) {
    const { name, utf8 } = encodeName(entry.name);
    const zip64 = entry.size >= limits.size;
    const header = localFileHeader(name, { zip64, utf8, modified });
    const start = offset;
    yield header;
    offset += header.length;
    let crc = 0;
    let size = 0;
    for await (const chunk of entry.body) {
      crc = checksum(chunk, crc);
      size += chunk.length;
      if (size > entry.size) throw new ZipEntrySizeError(entry.name, entry.size, size);
      yield chunk;
    }
    if (size !== entry.size) throw new ZipEntrySizeError(entry.name, entry.size, size);
    offset += size;
    const descriptor = dataDescriptor(crc, size, zip64);
    yield descriptor;
    offset += descriptor.length;
    central.push({ name, utf8, crc, size, offset: start, modified, zip64 });
  }

  const directoryOffset = offset;
  let directorySize = 0;
  for (const entry of central) {
    const header = centralFileHeader(entry, limits);
    directorySize += header.length;
    yield header;
  }
  yield endOfCentralDirectory({ count: central.length, size: directorySize, offset: directoryOffset }, limits);
}
