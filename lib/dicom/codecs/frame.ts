import type { DenaturalizedDataset } from "dcmjs";

// How one frame's samples are laid out (PS3.3 C.7.6.3), as the data set says before decoding and
// as a decoder leaves them after: a JPEG decoder may turn YBR into RGB, a JPEG 2000 one may say
// the samples are signed, RLE gives 8-bit planes back as little endian words.

export type PixelFormat = {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  photometric: string;
  /** Samples as planes (all red, then all green, then all blue) rather than interleaved. */
  planar: boolean;
};

/** One frame's samples, little endian, uncompressed. */
export type Frame = PixelFormat & { bytes: Uint8Array };

/** The first value of a top-level element, as a number when it is one. */
export function numberValue(dataset: DenaturalizedDataset, tag: string): number | undefined {
  const value = dataset[tag]?.Value?.[0];
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

/** The pixel format a data set declares, or null when it has no image. */
export function pixelFormat(dataset: DenaturalizedDataset): PixelFormat | null {
  const rows = numberValue(dataset, "00280010");
  const columns = numberValue(dataset, "00280011");
  const bitsAllocated = numberValue(dataset, "00280100");
  if (!rows || !columns || !bitsAllocated) return null;
  const photometric = dataset["00280004"]?.Value?.[0];
  return {
    rows,
    columns,
    samplesPerPixel: numberValue(dataset, "00280002") ?? 1,
    bitsAllocated,
    bitsStored: Math.min(numberValue(dataset, "00280101") ?? bitsAllocated, bitsAllocated),
    signed: numberValue(dataset, "00280103") === 1,
    photometric: typeof photometric === "string" ? photometric.trim() : "MONOCHROME2",
    planar: numberValue(dataset, "00280006") === 1,
  };
}

/** Bytes of one uncompressed frame in this format (YBR_FULL_422 keeps two samples a pixel, PS3.3 C.7.6.3.1.2). */
export function frameLength(format: PixelFormat): number {
  const perPixel = format.photometric === "YBR_FULL_422" ? 2 : format.samplesPerPixel;
  return Math.ceil((format.rows * format.columns * perPixel * format.bitsAllocated) / 8);
}

/** A frame that cannot be decoded: damaged bytes, or a kind the codec does not handle. */
export class FrameDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FrameDecodeError";
  }
}
