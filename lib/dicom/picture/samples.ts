import type { Frame } from "../codecs/frame";

// Reads sample values out of an uncompressed little endian frame: 1-bit packed pixels, 8, 16 or
// 32-bit words, keeping only the stored bits and their sign (PS3.5 8.1.1: the bits above
// Bits Stored may hold anything, overlays in old files).

/** A function giving the value of sample `index` (pixel × samples per pixel + sample, or plane order). */
export function sampleReader(frame: Frame): ((index: number) => number) | null {
  const { bytes, bitsAllocated, bitsStored, signed } = frame;
  if (bitsAllocated === 1) return (index) => (bytes[index >> 3]! >> (index & 7)) & 1;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word =
    bitsAllocated === 8 ? (index: number) => view.getUint8(index) : bitsAllocated === 16 ? (index: number) => view.getUint16(index * 2, true) : (index: number) => view.getUint32(index * 4, true);
  const stored = Math.max(1, bitsStored);
  if (stored >= 32) return signed ? (index) => word(index) | 0 : word;
  const mask = 2 ** stored - 1;
  const sign = 2 ** (stored - 1);
  if (!signed) return (index) => word(index) & mask;
  return (index) => {
    const value = word(index) & mask;
    return value >= sign ? value - mask - 1 : value;
  };
}
