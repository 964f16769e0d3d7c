import type { DenaturalizedDataset } from "dcmjs";
import { concatBytes, encodeDataset, encodeElement, needsUtf8 } from "./explicit-le";
import { CARRIER_IMPLEMENTATION_CLASS_UID, CARRIER_IMPLEMENTATION_VERSION_NAME, EXPLICIT_VR_LITTLE_ENDIAN } from "./part10-write";

// Writes a DICOMDIR: the Media Storage Directory (PS3.10 section 8, Basic Directory IOD in PS3.3
// annex F) that tells a viewer or a hospital's CD import what a file-set holds. Records form a tree
// (PATIENT, STUDY, SERIES, then one record per file) linked by byte offsets from the start of the
// file: each record points to its next sibling and to its first child, and the root points to its
// first and last top-level records.

export const MEDIA_STORAGE_DIRECTORY_STORAGE = "1.2.840.10008.1.3.10";

export type ReferencedFile = {
  /** Path components inside the file-set, e.g. ["DICOM", "P0000001", ..., "I0000001"]. */
  fileId: readonly string[];
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
};

export type DirectoryRecord = {
  /** Directory Record Type (0004,1430): PATIENT, STUDY, SERIES, IMAGE, SR DOCUMENT, ... */
  type: string;
  /** The record's keys (PS3.3 F.5), as elements keyed by tag. */
  keys: DenaturalizedDataset;
  /** Set on records that stand for one file. */
  file?: ReferencedFile;
  children: DirectoryRecord[];
};

const ul = (value: number) => ({ vr: "UL", Value: [value] });
const us = (value: number) => ({ vr: "US", Value: [value] });
const text = (vr: string, ...values: string[]) => ({ vr, Value: values });

/** A File ID component: upper-case letters, digits and underscore, at most 8 (PS3.10 8.2, ISO 9660 level 1). */
const FILE_ID_COMPONENT = /^[A-Z0-9_]{1,8}$/;

function recordElements(record: DirectoryRecord, links: { next: number; lower: number }): DenaturalizedDataset {
  const elements: DenaturalizedDataset = {
    "00041400": ul(links.next),
    "00041410": us(0xffff),
    "00041420": ul(links.lower),
    "00041430": text("CS", record.type),
    ...record.keys,
  };
  if (record.file) {
    const bad = record.file.fileId.find((component) => !FILE_ID_COMPONENT.test(component));
    if (bad !== undefined || record.file.fileId.length > 8) throw new Error(`Not a File ID for removable media: ${record.file.fileId.join("\\")}`);
    elements["00041500"] = text("CS", ...record.file.fileId);
    elements["00041510"] = text("UI", record.file.sopClassUid);
    elements["00041511"] = text("UI", record.file.sopInstanceUid);
    elements["00041512"] = text("UI", record.file.transferSyntaxUid);
  }
  // Specific Character Set is required (1C) in a record whose keys use more than ASCII.
  if (needsUtf8(record.keys)) elements["00080005"] = text("CS", "ISO_IR 192");
  return elements;
}

type Placed = { record: DirectoryRecord; length: number; offset: number; next?: Placed; firstChild?: Placed };

/** Every record in the order it is written (depth first), each with its encoded length. */
function flatten(records: readonly DirectoryRecord[], into: Placed[] = []): Placed[] {
  let previous: Placed | undefined;
  for (const record of records) {
    // Offsets change the values, never the lengths (UL is always 4 bytes): measure with zeros.
    const placed: Placed = { record, length: encodeDataset(recordElements(record, { next: 0, lower: 0 })).length, offset: 0 };
    if (previous) previous.next = placed;
    previous = placed;
    into.push(placed);
    const firstChildIndex = into.length;
    flatten(record.children, into);
    placed.firstChild = record.children.length > 0 ? into[firstChildIndex] : undefined;
  }
  return into;
}

function fileMeta(sopInstanceUid: string): Uint8Array {
  const group = encodeDataset({
    "00020001": { vr: "OB", Value: [new Uint8Array([0x00, 0x01]).buffer] },
    "00020002": text("UI", MEDIA_STORAGE_DIRECTORY_STORAGE),
    "00020003": text("UI", sopInstanceUid),
    "00020010": text("UI", EXPLICIT_VR_LITTLE_ENDIAN),
    "00020012": text("UI", CARRIER_IMPLEMENTATION_CLASS_UID),
    "00020013": text("SH", CARRIER_IMPLEMENTATION_VERSION_NAME),
  });
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return concatBytes([preamble, encodeElement("00020000", ul(group.length)), group]);
}

function sequenceHeader(length: number): Uint8Array {
  const head = new DataView(new ArrayBuffer(12));
  head.setUint16(0, 0x0004, true);
  head.setUint16(2, 0x1220, true);
  head.setUint8(4, "S".charCodeAt(0));
  head.setUint8(5, "Q".charCodeAt(0));
  head.setUint32(8, length, true);
  return new Uint8Array(head.buffer);
}

function itemHeader(length: number): Uint8Array {
  const head = new DataView(new ArrayBuffer(8));
  head.setUint16(0, 0xfffe, true);
  head.setUint16(2, 0xe000, true);
  head.setUint32(4, length, true);
  return new Uint8Array(head.buffer);
}

/** The DICOMDIR file's bytes for a tree of records. `fileSetId` is a CS value (upper case, at most 16). */
export function writeDicomdir(roots: readonly DirectoryRecord[], options: { fileSetId: string; sopInstanceUid: string }): Uint8Array {
  const placed = flatten(roots);
  const meta = fileMeta(options.sopInstanceUid);
  const topLevel = (first: number, last: number) =>
    encodeDataset({
      "00041130": text("CS", options.fileSetId),
      "00041200": ul(first),
      "00041202": ul(last),
      "00041212": us(0),
    });
  // Offsets count from the first byte of the file (the preamble), as readers expect.
  let offset = meta.length + topLevel(0, 0).length + 12;
  for (const entry of placed) {
    entry.offset = offset;
    offset += 8 + entry.length;
  }
  const rootOffsets = placed.filter((entry) => roots.includes(entry.record)).map((entry) => entry.offset);
  const items = placed.map((entry) => {
    const content = encodeDataset(recordElements(entry.record, { next: entry.next?.offset ?? 0, lower: entry.firstChild?.offset ?? 0 }));
    return concatBytes([itemHeader(content.length), content]);
  });
  const sequenceLength = items.reduce((sum, item) => sum + item.length, 0);
  return concatBytes([meta, topLevel(rootOffsets[0] ?? 0, rootOffsets.at(-1) ?? 0), sequenceHeader(sequenceLength), ...items]);
}
