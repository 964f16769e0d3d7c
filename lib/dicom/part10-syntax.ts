/** How a data set is encoded on the wire: byte order, whether VRs are written, and deflate. */
export interface DatasetEncoding {
  littleEndian: boolean;
  explicitVr: boolean;
  deflated: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
export const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
const JPIP_REFERENCED_DEFLATE = "1.2.840.10008.1.2.4.95";

const explicitLittle: DatasetEncoding = { littleEndian: true, explicitVr: true, deflated: false };

// Every compressed (encapsulated) syntax keeps an explicit VR little endian header (PS3.5 A.4):
// JPEG family and its successors (1.2.4.x), RLE (1.2.5), encapsulated uncompressed (1.2.1.98),
// deflated image frames (1.2.8.1). Private syntaxes are unknown, so they are refused.
const EXPLICIT_LITTLE_SYNTAX = /^1\.2\.840\.10008\.1\.2\.(1|1\.98|4\.\d+|5|8\.1)$/;

/** The encoding of the data set for a transfer syntax, or undefined if Carrier cannot read it. */
export function datasetEncoding(transferSyntaxUid: string): DatasetEncoding | undefined {
  switch (transferSyntaxUid) {
    case IMPLICIT_VR_LITTLE_ENDIAN:
      return { littleEndian: true, explicitVr: false, deflated: false };
    case EXPLICIT_VR_BIG_ENDIAN:
      return { littleEndian: false, explicitVr: true, deflated: false };
    case DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN:
    case JPIP_REFERENCED_DEFLATE:
      return { ...explicitLittle, deflated: true };
  }
  return EXPLICIT_LITTLE_SYNTAX.test(transferSyntaxUid) ? explicitLittle : undefined;
}

/** VRs whose explicit encoding has two reserved bytes and a 32-bit length (PS3.5 7.1.2). */
const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);
const SHORT_LENGTH_VRS = new Set([
  "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "PN",
  "SH", "SL", "SS", "ST", "TM", "UI", "UL", "US",
]);

export function hasLongLength(vr: string): boolean {
  return LONG_LENGTH_VRS.has(vr);
}

export function isKnownVr(vr: string): boolean {
  return LONG_LENGTH_VRS.has(vr) || SHORT_LENGTH_VRS.has(vr);
}
