import dcmjs from "dcmjs";
import type { DenaturalizedDataset } from "dcmjs";
import { EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from "./part10-syntax";
import { TRANSFER_SYNTAX_UID, tag } from "./part10-tags";

// dcmjs reads a data set the way the file meta's transfer syntax says. Some files say explicit VR
// but write the data set implicit (pydicom's SC_rgb_jpeg.dcm); dcmjs then reads nonsense. The
// streaming header reader finds out the real encoding; here dcmjs is told it by rewriting the
// transfer syntax in a copy of the bytes, and the meta it returns names the declared one again.

const META_START = 132;
const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);

/** Where the value of (0002,0010) lies in a Part 10 file, walking the explicit VR little endian meta. */
function transferSyntaxValue(bytes: Uint8Array): { offset: number; length: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = META_START;
  while (position + 8 <= bytes.length && view.getUint16(position, true) === 0x0002) {
    const element = tag(view.getUint16(position, true), view.getUint16(position + 2, true));
    const vr = String.fromCharCode(bytes[position + 4]!, bytes[position + 5]!);
    const long = LONG_LENGTH_VRS.has(vr);
    const length = long ? view.getUint32(position + 8, true) : view.getUint16(position + 6, true);
    const offset = position + (long ? 12 : 8);
    if (element === TRANSFER_SYNTAX_UID) return { offset, length };
    position = offset + length;
  }
  return undefined;
}

/** Copies `bytes` with the meta's transfer syntax replaced by `syntax` (NUL-padded), when it fits. */
function withTransferSyntax(bytes: Uint8Array, syntax: string): ArrayBuffer {
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const value = transferSyntaxValue(bytes);
  if (!value || value.length < syntax.length || value.offset + value.length > bytes.length) return copy;
  const target = new Uint8Array(copy, value.offset, value.length);
  target.fill(0);
  target.set(Buffer.from(syntax, "latin1"));
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
 * Parses a Part 10 file (or its head) with dcmjs, reading the data set with explicit or implicit
 * VRs as it is really written. `explicitVr` comes from readPart10Header.
 */
export function readWithDcmjs(bytes: Uint8Array, declaredSyntax: string, explicitVr: boolean): { meta: DenaturalizedDataset; dataset: DenaturalizedDataset } {
  const syntax = realSyntax(declaredSyntax, explicitVr);
  const buffer = syntax ? withTransferSyntax(bytes, syntax) : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  // ignoreErrors: real files carry values that break the dictionary's rules (pydicom's badVR.dcm);
  // ingest has already decided the file is usable.
  const dicom = dcmjs.data.DicomMessage.readFile(buffer, { ignoreErrors: true });
  const meta = syntax ? { ...dicom.meta, ["00020010"]: { vr: "UI", Value: [declaredSyntax] } } : dicom.meta;
  return { meta, dataset: dicom.dict };
}
