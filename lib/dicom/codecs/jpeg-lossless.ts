import { Decoder } from "@cornerstonejs/jpeg-lossless-decoder-js";
import type { Frame, PixelFormat } from "./frame";
import { FrameDecodeError } from "./frame";

// JPEG lossless, processes 14 (1.2.840.10008.1.2.4.57) and its first-order prediction (.70):
// cornerstone's JavaScript decoder. It gives samples interleaved, in the frame's own colour space.

/** Whether the stream ends with its EOI marker (FFD9), allowing for the pad byte that evens a fragment. */
function endsWhole(stream: Uint8Array): boolean {
  let end = stream.length;
  while (end > 2 && stream[end - 1] === 0x00) end -= 1;
  return stream[end - 2] === 0xff && stream[end - 1] === 0xd9;
}

export function decodeJpegLossless(compressed: Uint8Array, format: PixelFormat): Frame {
  // The decoder fills in what a cut-short stream lacks without a word: such a frame is refused here.
  if (!endsWhole(compressed)) throw new FrameDecodeError("JPEG lossless: the frame ends before its end-of-image marker");
  const bytesPerSample = format.bitsAllocated <= 8 ? 1 : 2;
  let samples: Uint8Array | Uint16Array;
  const decoder = new Decoder();
  try {
    // The decoder reads from an ArrayBuffer: hand it one that holds only this frame.
    const own = compressed.slice();
    samples = decoder.decode(own.buffer, 0, own.length, bytesPerSample);
  } catch (error) {
    throw new FrameDecodeError(`JPEG lossless: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const { numComp, xDim, yDim } = decoder;
  if (!samples || samples.length !== xDim * yDim * numComp || xDim !== format.columns || yDim !== format.rows) {
    throw new FrameDecodeError("JPEG lossless: the frame is not the size its header says");
  }
  return { ...format, samplesPerPixel: numComp, bitsAllocated: bytesPerSample * 8, planar: false, bytes: new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength) };
}
