// The fixed records of a zip file (PKWARE APPNOTE 6.3.10), for files stored as they are (method 0).
// Values that do not fit their 16- or 32-bit field move to ZIP64 records (APPNOTE 4.5.3): the field
// then holds all ones and the real value sits in the ZIP64 "extra field" or end records.

const LOCAL_FILE_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_EXTRA = 0x0001;

/** Bit 3: CRC-32 and sizes follow the data, in a data descriptor. Bit 11: the name is UTF-8. */
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8_NAME = 0x0800;
const VERSION_STORED = 20;
const VERSION_ZIP64 = 45;

export const MAX_16 = 0xffff;
export const MAX_32 = 0xffffffff;

export type DosTime = { time: number; date: number };

/** MS-DOS date and time (two-second steps, years 1980 to 2107), as zip keeps them. */
export function dosTime(moment: Date): DosTime {
  const year = Math.min(Math.max(moment.getFullYear(), 1980), 2107);
  return {
    time: (moment.getHours() << 11) | (moment.getMinutes() << 5) | (moment.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((moment.getMonth() + 1) << 5) | moment.getDate(),
  };
}

function record(length: number): { bytes: Uint8Array; view: DataView } {
  const bytes = new Uint8Array(length);
  return { bytes, view: new DataView(bytes.buffer) };
}

const setUint64 = (view: DataView, at: number, value: number) => view.setBigUint64(at, BigInt(value), true);
const isAscii = (name: string) => /^[\x20-\x7e]*$/.test(name);

/**
 * The header before an entry's data when its CRC-32 is only known after streaming it: CRC and
 * sizes are zero here and come in the data descriptor. A ZIP64 entry (one whose size may pass
 * 4 GiB) carries a ZIP64 extra field, which makes its data descriptor use 64-bit sizes.
 */
export function localFileHeader(name: Uint8Array, options: { zip64: boolean; utf8: boolean; modified: DosTime }): Uint8Array {
  const extraLength = options.zip64 ? 20 : 0;
  const { bytes, view } = record(30 + name.length + extraLength);
  view.setUint32(0, LOCAL_FILE_HEADER, true);
  view.setUint16(4, options.zip64 ? VERSION_ZIP64 : VERSION_STORED, true);
  view.setUint16(6, FLAG_DATA_DESCRIPTOR | (options.utf8 ? FLAG_UTF8_NAME : 0), true);
  view.setUint16(8, 0, true);
  view.setUint16(10, options.modified.time, true);
  view.setUint16(12, options.modified.date, true);
  if (options.zip64) {
    view.setUint32(18, MAX_32, true);
    view.setUint32(22, MAX_32, true);
  }
  view.setUint16(26, name.length, true);
  view.setUint16(28, extraLength, true);
  bytes.set(name, 30);
  if (options.zip64) {
    const at = 30 + name.length;
    view.setUint16(at, ZIP64_EXTRA, true);
    view.setUint16(at + 2, 16, true);
    // Both sizes, zero: they follow in the data descriptor (APPNOTE 4.5.3).
  }
  return bytes;
}

export function dataDescriptor(crc: number, size: number, zip64: boolean): Uint8Array {
  const { bytes, view } = record(zip64 ? 24 : 16);
  view.setUint32(0, DATA_DESCRIPTOR, true);
  view.setUint32(4, crc, true);
  if (zip64) {
    setUint64(view, 8, size);
    setUint64(view, 16, size);
  } else {
    view.setUint32(8, size, true);
    view.setUint32(12, size, true);
  }
  return bytes;
}

export type CentralEntry = {
  name: Uint8Array;
  utf8: boolean;
  crc: number;
  size: number;
  offset: number;
  modified: DosTime;
  /** The local header had a ZIP64 extra field. */
  zip64: boolean;
};

/** A central directory entry; sizes and offset move to a ZIP64 extra field when they reach `limit`. */
export function centralFileHeader(entry: CentralEntry, limit: { size: number; offset: number }): Uint8Array {
  const bigSize = entry.zip64 || entry.size >= limit.size;
  const bigOffset = entry.offset >= limit.offset;
  const extraValues = (bigSize ? 2 : 0) + (bigOffset ? 1 : 0);
  const extraLength = extraValues > 0 ? 4 + 8 * extraValues : 0;
  const { bytes, view } = record(46 + entry.name.length + extraLength);
  const version = extraValues > 0 ? VERSION_ZIP64 : VERSION_STORED;
  view.setUint32(0, CENTRAL_FILE_HEADER, true);
  view.setUint16(4, version, true);
  view.setUint16(6, version, true);
  view.setUint16(8, FLAG_DATA_DESCRIPTOR | (entry.utf8 ? FLAG_UTF8_NAME : 0), true);
  view.setUint16(10, 0, true);
  view.setUint16(12, entry.modified.time, true);
  view.setUint16(14, entry.modified.date, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, bigSize ? MAX_32 : entry.size, true);
  view.setUint32(24, bigSize ? MAX_32 : entry.size, true);
  view.setUint16(28, entry.name.length, true);
  view.setUint16(30, extraLength, true);
  view.setUint32(42, bigOffset ? MAX_32 : entry.offset, true);
  bytes.set(entry.name, 46);
  if (extraLength > 0) {
    let at = 46 + entry.name.length;
    view.setUint16(at, ZIP64_EXTRA, true);
    view.setUint16(at + 2, extraLength - 4, true);
    at += 4;
    // The order is fixed: uncompressed size, compressed size, local header offset.
    if (bigSize) {
      setUint64(view, at, entry.size);
      setUint64(view, at + 8, entry.size);
      at += 16;
    }
    if (bigOffset) setUint64(view, at, entry.offset);
  }
  return bytes;
}

export type CentralDirectory = { count: number; size: number; offset: number };

/**
 * The records after the central directory: ZIP64 end record and locator when a count, size or
 * offset reaches its limit, then the classic end record (with all-ones fields pointing to ZIP64).
 */
export function endOfCentralDirectory(directory: CentralDirectory, limit: { count: number; offset: number }): Uint8Array {
  const zip64 = directory.count >= limit.count || directory.size >= limit.offset || directory.offset >= limit.offset;
  const end = record(22);
  end.view.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  end.view.setUint16(8, zip64 ? MAX_16 : directory.count, true);
  end.view.setUint16(10, zip64 ? MAX_16 : directory.count, true);
  end.view.setUint32(12, zip64 ? MAX_32 : directory.size, true);
  end.view.setUint32(16, zip64 ? MAX_32 : directory.offset, true);
  if (!zip64) return end.bytes;

  const zip64End = record(56 + 20);
  const { view } = zip64End;
  view.setUint32(0, ZIP64_END_OF_CENTRAL_DIRECTORY, true);
  setUint64(view, 4, 44);
  view.setUint16(12, VERSION_ZIP64, true);
  view.setUint16(14, VERSION_ZIP64, true);
  setUint64(view, 24, directory.count);
  setUint64(view, 32, directory.count);
  setUint64(view, 40, directory.size);
  setUint64(view, 48, directory.offset);
  view.setUint32(56, ZIP64_END_LOCATOR, true);
  // The ZIP64 end record starts right after the central directory.
  setUint64(view, 64, directory.offset + directory.size);
  view.setUint32(72, 1, true);
  const bytes = new Uint8Array(zip64End.bytes.length + end.bytes.length);
  bytes.set(zip64End.bytes);
  bytes.set(end.bytes, zip64End.bytes.length);
  return bytes;
}

/** Names are kept as given; bit 11 is set only for names outside ASCII. */
export function encodeName(name: string): { name: Uint8Array; utf8: boolean } {
  return { name: new TextEncoder().encode(name), utf8: !isAscii(name) };
}
