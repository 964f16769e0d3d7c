import type { Frame, PixelFormat } from "./frame";
import { FrameDecodeError } from "./frame";

// RLE Lossless (PS3.5 Annex G). A frame starts with a 64-byte header: the number of segments and
// the offset of each of up to 15. Each segment is one byte plane run-length coded with PackBits:
// sample by sample, most significant byte first. Decoded here into interleaved little endian
// samples, the layout of an uncompressed frame.

const HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;

/** Decodes one PackBits segment into `out` (exactly `out.length` bytes), or says why it cannot. */
function unpackBits(segment: Uint8Array, out: Uint8Array, stride: number, start: number, count: number): void {
  let read = 0;
  let written = 0;
  while (written < count && read < segment.length) {
    const header = segment[read++]!;
    if (header < 128) {
      // Literal run: the next header + 1 bytes as they are.
      const length = header + 1;
      if (read + length > segment.length) throw new FrameDecodeError("an RLE literal run goes past the end of its segment");
      for (let index = 0; index < length && written < count; index++) out[start + written++ * stride] = segment[read + index]!;
      read += length;
    } else if (header > 128) {
      // Replicate run: the next byte 257 - header times.
      if (read >= segment.length) throw new FrameDecodeError("an RLE replicate run has no byte to repeat");
      const value = segment[read++]!;
      for (let index = 0; index < 257 - header && written < count; index++) out[start + written++ * stride] = value;
    }
    // 128 (-128 as a signed byte) is a no-op.
  }
  if (written < count) throw new FrameDecodeError(`an RLE segment holds ${written} bytes of the ${count} its plane needs`);
}

export function decodeRle(compressed: Uint8Array, format: PixelFormat): Frame {
  if (format.bitsAllocated % 8 !== 0) throw new FrameDecodeError(`RLE of ${format.bitsAllocated}-bit samples is not decoded here`);
  if (compressed.length < HEADER_BYTES) throw new FrameDecodeError("the RLE frame is shorter than its header");
  const view = new DataView(compressed.buffer, compressed.byteOffset, compressed.byteLength);
  const bytesPerSample = format.bitsAllocated / 8;
  const segments = view.getUint32(0, true);
  const expected = format.samplesPerPixel * bytesPerSample;
  if (segments !== expected || segments > MAX_SEGMENTS) throw new FrameDecodeError(`the RLE frame has ${segments} segments where ${expected} were expected`);
  const offsets = Array.from({ length: segments }, (_, index) => view.getUint32(4 + index * 4, true));
  const pixels = format.rows * format.columns;
  const out = new Uint8Array(pixels * expected);
  for (let index = 0; index < segments; index++) {
    const begin = offsets[index]!;
    const end = offsets[index + 1] ?? compressed.length;
    if (begin < HEADER_BYTES || end < begin || end > compressed.length) throw new FrameDecodeError(`RLE segment ${index + 1} lies outside its frame`);
    const sample = Math.floor(index / bytesPerSample);
    // Segments come most significant byte first; little endian puts that byte last.
    const byte = bytesPerSample - 1 - (index % bytesPerSample);
    unpackBits(compressed.subarray(begin, end), out, expected, sample * bytesPerSample + byte, pixels);
  }
  return { ...format, planar: false, bytes: out };
}
