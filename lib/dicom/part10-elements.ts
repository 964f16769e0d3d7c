import type { ByteReader } from "./part10-byte-reader";
import { DicomFileError, malformedFile } from "./part10-errors";
import { hasLongLength, isKnownVr } from "./part10-syntax";
import { ITEM, ITEM_DELIMITATION, SEQUENCE_DELIMITATION, groupOf, tag } from "./part10-tags";

/** Where and how elements are read: the byte order and VR style of the data set, and the read budget. */
export interface ElementContext {
  reader: ByteReader;
  littleEndian: boolean;
  explicitVr: boolean;
  maxHeaderBytes: number;
}

export interface ElementHeader {
  tag: number;
  /** Absent in implicit VR data sets and for item and delimiter tags, which never carry one. */
  vr?: string;
  /** Undefined for undefined length (0xFFFFFFFF): the value ends at a delimiter. */
  length?: number;
}

const UNDEFINED_LENGTH = 0xffffffff;
// Real files nest sequences a handful of levels deep; a crafted one could recurse until the stack breaks.
const MAX_SEQUENCE_DEPTH = 32;

export function headerTooLarge(maxHeaderBytes: number, detail: string): DicomFileError {
  const limit = `${Math.round(maxHeaderBytes / 1024 / 1024)} MB`;
  return new DicomFileError(
    "header_too_large",
    `This file has more than ${limit} of information before its image, far more than a medical image has. It may not be an image at all.`,
    detail,
  );
}

function checkBudget(context: ElementContext, end: number, what: string): void {
  if (end > context.maxHeaderBytes) {
    throw headerTooLarge(context.maxHeaderBytes, `${what} would end at byte ${end}`);
  }
}

const hex = (value: number) => value.toString(16).padStart(8, "0");

export async function readElementHeader(context: ElementContext, what = "an element header"): Promise<ElementHeader> {
  const { reader, littleEndian, explicitVr } = context;
  checkBudget(context, reader.position + 8, what);
  const head = new DataView((await reader.read(8, what)).buffer);
  const elementTag = tag(head.getUint16(0, littleEndian), head.getUint16(2, littleEndian));
  const lengthOf = (value: number) => (value === UNDEFINED_LENGTH ? undefined : value);

  if (!explicitVr || groupOf(elementTag) === 0xfffe) {
    return { tag: elementTag, length: lengthOf(head.getUint32(4, littleEndian)) };
  }
  const vr = String.fromCharCode(head.getUint8(4), head.getUint8(5));
  if (!isKnownVr(vr)) throw malformedFile(`unknown VR ${JSON.stringify(vr)} at tag ${hex(elementTag)}`);
  if (!hasLongLength(vr)) return { tag: elementTag, vr, length: head.getUint16(6, littleEndian) };
  const longLength = new DataView((await reader.read(4, what)).buffer).getUint32(0, littleEndian);
  return { tag: elementTag, vr, length: lengthOf(longLength) };
}

/**
 * Whether the next element really has an explicit VR. Some writers declare one syntax and use
 * the other; like pydicom and dcmtk, trust the bytes of the first element over the declaration.
 */
export async function nextElementHasExplicitVr(context: ElementContext): Promise<boolean> {
  const start = await context.reader.peek(6);
  if (start.length < 6) return context.explicitVr;
  return isKnownVr(String.fromCharCode(start[4]!, start[5]!));
}

/** Consumes an element's value, nested sequences included, without keeping any of it. */
export async function skipValue(context: ElementContext, element: ElementHeader, depth = 0): Promise<void> {
  const what = `the value of ${hex(element.tag)}`;
  if (element.length !== undefined) {
    checkBudget(context, context.reader.position + element.length, what);
    await context.reader.skip(element.length, what);
    return;
  }
  if (depth >= MAX_SEQUENCE_DEPTH) throw malformedFile(`sequences nested deeper than ${MAX_SEQUENCE_DEPTH}`);
  // UN with undefined length holds a sequence re-encoded as implicit VR little endian (PS3.5 6.2.2).
  const contents: ElementContext =
    element.vr === "UN" ? { ...context, littleEndian: true, explicitVr: false } : context;
  await skipItems(contents, depth + 1);
}

/** Skips items up to the sequence delimiter; encapsulated pixel fragments are items too. */
async function skipItems(context: ElementContext, depth: number): Promise<void> {
  for (;;) {
    const item = await readElementHeader(context, "a sequence item");
    if (item.tag === SEQUENCE_DELIMITATION) return;
    if (item.tag !== ITEM) throw malformedFile(`expected an item, found ${hex(item.tag)}`);
    if (item.length !== undefined) {
      await skipValue(context, item, depth);
      continue;
    }
    for (;;) {
      const nested = await readElementHeader(context, "an element inside a sequence");
      if (nested.tag === ITEM_DELIMITATION) break;
      await skipValue(context, nested, depth);
    }
  }
}
