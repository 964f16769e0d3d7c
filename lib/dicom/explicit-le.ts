import type { DenaturalizedDataset, DicomElement } from "dcmjs";

// Encodes small data sets in Explicit VR Little Endian with explicit lengths throughout, so that
// every element's size is known before it is written: the DICOMDIR needs the byte offset of each
// of its records. Values come as dcmjs holds them after parsing (strings, numbers, person names,
// sequence items), so elements copied from an image's header are written as they were read.
// Text is UTF-8 (ISO_IR 192): callers declare it where any value leaves ASCII.

const TEXT_VRS = new Set(["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"]);
const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);
const BINARY_WIDTH = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 } as const;

type PersonNameValue = { Alphabetic?: string; Ideographic?: string; Phonetic?: string };

const encoder = new TextEncoder();

function tagParts(tag: string): [number, number] {
  if (!/^[0-9A-F]{8}$/i.test(tag)) throw new Error(`Not a DICOM tag: ${tag}`);
  return [parseInt(tag.slice(0, 4), 16), parseInt(tag.slice(4), 16)];
}

function personName(value: unknown): string {
  if (typeof value === "string") return value;
  const name = (value ?? {}) as PersonNameValue;
  return [name.Alphabetic ?? "", name.Ideographic ?? "", name.Phonetic ?? ""].join("=").replace(/=+$/, "");
}

/** A text element's values joined as DICOM writes them ("\" between values). */
export function textValue(element: DicomElement): string {
  return (element.Value ?? []).map((value) => (element.vr === "PN" ? personName(value) : typeof value === "string" || typeof value === "number" ? String(value) : "")).join("\\");
}

function textBytes(element: DicomElement): Uint8Array {
  const bytes = encoder.encode(textValue(element));
  if (bytes.length % 2 === 0) return bytes;
  // Values have even length: UIDs are padded with NUL, other text with a space.
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = element.vr === "UI" ? 0x00 : 0x20;
  return padded;
}

function binaryBytes(vr: keyof typeof BINARY_WIDTH, values: readonly unknown[]): Uint8Array {
  const width = BINARY_WIDTH[vr];
  const bytes = new Uint8Array(width * values.length);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => {
    const number = Number(value);
    const at = index * width;
    if (vr === "US") view.setUint16(at, number, true);
    else if (vr === "SS") view.setInt16(at, number, true);
    else if (vr === "UL") view.setUint32(at, number, true);
    else if (vr === "SL") view.setInt32(at, number, true);
    else if (vr === "FL") view.setFloat32(at, number, true);
    else view.setFloat64(at, number, true);
  });
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

function itemBytes(dataset: DenaturalizedDataset): Uint8Array {
  const content = encodeDataset(dataset);
  const head = new DataView(new ArrayBuffer(8));
  head.setUint16(0, 0xfffe, true);
  head.setUint16(2, 0xe000, true);
  head.setUint32(4, content.length, true);
  return concat([new Uint8Array(head.buffer), content]);
}

function valueBytes(element: DicomElement): Uint8Array {
  const { vr } = element;
  if (TEXT_VRS.has(vr)) return textBytes(element);
  if (vr in BINARY_WIDTH) return binaryBytes(vr as keyof typeof BINARY_WIDTH, element.Value ?? []);
  if (vr === "SQ") return concat((element.Value ?? []).map((item) => itemBytes(item as DenaturalizedDataset)));
  if (vr === "OB") return concat((element.Value ?? []).map((value) => new Uint8Array(value as ArrayBuffer)));
  throw new Error(`Cannot encode VR ${vr}`);
}

/** One element: tag, VR, length and value. */
export function encodeElement(tag: string, element: DicomElement): Uint8Array {
  const [group, number] = tagParts(tag);
  const value = valueBytes(element);
  const long = LONG_LENGTH_VRS.has(element.vr);
  if (!long && value.length > 0xffff) throw new Error(`Value of ${tag} (${element.vr}) is too long: ${value.length} bytes`);
  const head = new DataView(new ArrayBuffer(long ? 12 : 8));
  head.setUint16(0, group, true);
  head.setUint16(2, number, true);
  head.setUint8(4, element.vr.charCodeAt(0));
  head.setUint8(5, element.vr.charCodeAt(1));
  if (long) head.setUint32(8, value.length, true);
  else head.setUint16(6, value.length, true);
  return concat([new Uint8Array(head.buffer), value]);
}

/** The elements of a data set in ascending tag order, as the standard requires. */
export function encodeDataset(dataset: DenaturalizedDataset): Uint8Array {
  const tags = Object.keys(dataset).sort((a, b) => parseInt(a, 16) - parseInt(b, 16));
  return concat(tags.map((tag) => encodeElement(tag, dataset[tag]!)));
}

/** Whether any text in the data set, nested items included, needs more than ASCII. */
export function needsUtf8(dataset: DenaturalizedDataset): boolean {
  return Object.values(dataset).some((element) =>
    element.vr === "SQ" ? (element.Value ?? []).some((item) => needsUtf8(item as DenaturalizedDataset)) : TEXT_VRS.has(element.vr) && [...textValue(element)].some((character) => character.charCodeAt(0) > 0x7f),
  );
}

export { concat as concatBytes };
