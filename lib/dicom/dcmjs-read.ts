import dcmjs from "dcmjs";
import type { DenaturalizedDataset } from "dcmjs";
import { datasetEncoding, EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, hasLongLength, isKnownVr } from "./part10-syntax";
import { TRANSFER_SYNTAX_UID, tag } from "./part10-tags";

// dcmjs reads a data set the way the file meta's transfer syntax says. Some files say explicit VR
// but write the data set implicit (pydicom's SC_rgb_jpeg.dcm); dcmjs then reads nonsense. The
// streaming header reader finds out the real encoding; here dcmjs is told it by rewriting the
// transfer syntax in a copy of the bytes, and the meta it returns names the declared one again.

const META_START = 132;

type MetaWalk = { transferSyntax?: { offset: number; length: number; value: string }; end: number };

/** The file meta (group 0002, explicit VR little endian): where its transfer syntax lies and where it ends. */
function walkMeta(bytes: Uint8Array): MetaWalk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = META_START;
  let transferSyntax: MetaWalk["transferSyntax"];
  while (position + 8 <= bytes.length && view.getUint16(position, true) === 0x0002) {
    const element = tag(view.getUint16(position, true), view.getUint16(position + 2, true));
    const vr = String.fromCharCode(bytes[position + 4]!, bytes[position + 5]!);
    const long = hasLongLength(vr);
    const length = long ? view.getUint32(position + 8, true) : view.getUint16(position + 6, true);
    const offset = position + (long ? 12 : 8);
    if (element === TRANSFER_SYNTAX_UID && offset + length <= bytes.length) {
      transferSyntax = { offset, length, value: String.fromCharCode(...bytes.subarray(offset, offset + length)).replace(/[\0 ]+$/, "") };
    }
    position = offset + length;
  }
  return { transferSyntax, end: position };
}

/**
 * Whether the data set writes its VRs, judged as pydicom does by its first element; undefined when
 * the bytes end first, or when they are deflated (only inflating would tell, and dcmjs inflates).
 */
export function dataSetWritesVr(bytes: Uint8Array): boolean | undefined {
  const { transferSyntax, end } = walkMeta(bytes);
  if (transferSyntax && datasetEncoding(transferSyntax.value)?.deflated) return undefined;
  return end + 6 <= bytes.length ? isKnownVr(String.fromCharCode(bytes[end + 4]!, bytes[end + 5]!)) : undefined;
}

/** Copies `bytes` with the meta's transfer syntax replaced by `syntax` (NUL-padded), when it fits. */
function withTransferSyntax(bytes: Uint8Array, value: MetaWalk["transferSyntax"], syntax: string): ArrayBuffer {
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  if (!value || value.length < syntax.length) return copy;
  const target = new Uint8Array(copy, value.offset, value.length);
  target.fill(0);
  for (let index = 0; index < syntax.length; index++) target[index] = syntax.charCodeAt(index);
  return copy;
}

/** The UID dcmjs should read the data set with, when the file's real VR encoding differs from its declared syntax. */
function realSyntax(declared: string, explicitVr: boolean): string | undefined {
  const declaredExplicit = declared !== IMPLICIT_VR_LITTLE_ENDIAN;
  if (declaredExplicit === explicitVr) return undefined;
  // An implicit data set is always little endian (PS3.5 A.1); big endian files declaring explicit are left as they are.
  if (!explicitVr && declared !== EXPLICIT_VR_BIG_ENDIAN) return IMPLICIT_VR_LITTLE_ENDIAN;
  return undefined;
}

/**
 * The bytes of a Part 10 file (or its head) as dcmjs must be given them to read the data set as
 * it is really written: a copy whose meta names the real syntax when the two differ. The server
 * knows `explicitVr` from its streaming header reader; the browser (the upload page) has none, and
 * takes the first element's say.
 */
export function asWritten(bytes: Uint8Array, explicitVr = dataSetWritesVr(bytes)): { buffer: ArrayBuffer; realSyntax?: string } {
  const meta = walkMeta(bytes);
  const declared = meta.transferSyntax?.value;
  const syntax = declared !== undefined && explicitVr !== undefined ? realSyntax(declared, explicitVr) : undefined;
  const buffer = syntax ? withTransferSyntax(bytes, meta.transferSyntax, syntax) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return { buffer, realSyntax: syntax };
}

/**
 * Parses a Part 10 file (or its head) with dcmjs, reading the data set with explicit or implicit
 * VRs as it is really written. `explicitVr` comes from readPart10Header.
 */
export function readWithDcmjs(bytes: Uint8Array, declaredSyntax: string, explicitVr: boolean): { meta: DenaturalizedDataset; dataset: DenaturalizedDataset } {
  const { buffer, realSyntax: syntax } = asWritten(bytes, explicitVr);
  // ignoreErrors: real files carry values that break the dictionary's rules (pydicom's badVR.dcm);
  // ingest has already decided the file is usable.
  const dicom = dcmjs.data.DicomMessage.readFile(buffer, { ignoreErrors: true });
  const meta = syntax ? { ...dicom.meta, ["00020010"]: { vr: "UI", Value: [declaredSyntax] } } : dicom.meta;
  return { meta, dataset: dicom.dict };
}
