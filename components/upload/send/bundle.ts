import { crc32 } from "@/lib/zip/crc32";

// Many small files travel better as one upload: each upload costs a round of requests, sign-in
// and bookkeeping, and a CD holds hundreds of half-megabyte images. The upload page packs them
// into bundles, plain zip files with the files stored as they are (no compression: DICOM images
// barely shrink, and the server unpacks without inflating). The server checks each file's CRC-32.
// A bundle is made the same way every time from the same files, so a closed tab resumes it.

export type BundleFile = { file: Blob; path: string };

// Up to 100 files (48 MB of CT slices reach the size limit first): bench:ingest's 500 slices went
// in 4.2 to 4.4 s this way, 4.6 to 4.7 s in bundles of 50 (fewer rounds of upload, then unpack).
export const BUNDLE_MAX_FILES = 100;
export const BUNDLE_MAX_BYTES = 48 * 1024 * 1024;
/** Files larger than this travel on their own. */
export const BUNDLE_FILE_LIMIT = 16 * 1024 * 1024;

/** Groups files, in order, into bundles of at most BUNDLE_MAX_FILES files and BUNDLE_MAX_BYTES bytes. */
export function planBundles<T extends BundleFile>(files: readonly T[]): T[][] {
  const bundles: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of files) {
    if (current.length >= BUNDLE_MAX_FILES || (current.length > 0 && bytes + item.file.size > BUNDLE_MAX_BYTES)) {
      bundles.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.file.size;
  }
  if (current.length > 0) bundles.push(current);
  return bundles;
}

// 1 January 1980, 00:00, in MS-DOS form: a fixed date keeps a bundle's bytes the same every time.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

function localHeader(name: Uint8Array, crc: number, size: number): Uint8Array {
  const header = new Uint8Array(30 + name.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true);
  view.setUint16(6, UTF8_NAMES, true);
  view.setUint16(8, 0, true);
  view.setUint16(10, DOS_TIME, true);
  view.setUint16(12, DOS_DATE, true);
  view.setUint32(14, crc, true);
  view.setUint32(18, size, true);
  view.setUint32(22, size, true);
  view.setUint16(26, name.length, true);
  view.setUint16(28, 0, true);
  header.set(name, 30);
  return header;
}

function centralHeader(name: Uint8Array, crc: number, size: number, offset: number): Uint8Array {
  const header = new Uint8Array(46 + name.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, 20, true);
  view.setUint16(6, 20, true);
  view.setUint16(8, UTF8_NAMES, true);
  view.setUint16(10, 0, true);
  view.setUint16(12, DOS_TIME, true);
  view.setUint16(14, DOS_DATE, true);
  view.setUint32(16, crc, true);
  view.setUint32(20, size, true);
  view.setUint32(24, size, true);
  view.setUint16(28, name.length, true);
  view.setUint32(42, offset, true);
  header.set(name, 46);
  return header;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const record = new Uint8Array(22);
  const view = new DataView(record.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, size, true);
  view.setUint32(16, offset, true);
  return record;
}

export type Bundle = {
  blob: Blob;
  /** Where each file's bytes sit in the bundle, for per-file progress. */
  ranges: { path: string; start: number; end: number }[];
};

/**
 * Makes a bundle: reads each file once for its CRC-32; the bundle itself refers to the files, it
 * does not copy them. Node callers may pass zlib's native CRC-32.
 */
export async function makeBundle(files: readonly BundleFile[], checksum: (bytes: Uint8Array) => number = crc32): Promise<Bundle> {
  const encoder = new TextEncoder();
  const parts: BlobPart[] = [];
  const central: Uint8Array[] = [];
  const ranges: Bundle["ranges"] = [];
  let offset = 0;
  for (const { file, path } of files) {
    const name = encoder.encode(path);
    const crc = checksum(new Uint8Array(await file.arrayBuffer()));
    const header = localHeader(name, crc, file.size);
    parts.push(header as BlobPart, file);
    central.push(centralHeader(name, crc, file.size, offset));
    ranges.push({ path, start: offset + header.length, end: offset + header.length + file.size });
    offset += header.length + file.size;
  }
  const centralSize = central.reduce((sum, header) => sum + header.length, 0);
  parts.push(...(central as BlobPart[]), endOfCentralDirectory(files.length, centralSize, offset) as BlobPart);
  return { blob: new Blob(parts), ranges };
}
