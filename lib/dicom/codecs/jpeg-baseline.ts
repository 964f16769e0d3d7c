import type { Frame, PixelFormat } from "./frame";
import { withColourSpace } from "./jpeg-colour";
import { FrameDecodeError } from "./frame";
import { wasmCodec } from "./wasm-codec";
import { decodeInHeap } from "./wasm-decode";

// JPEG baseline and extended (1.2.840.10008.1.2.4.50, .51). 8-bit frames go to libjpeg-turbo,
// which also turns YCbCr into RGB as the JPEG's own markers say. libjpeg-turbo's build has no
// 12-bit path, so 12-bit extended frames go to the JavaScript decoder cornerstone uses for them.

const libjpegTurbo = wasmCodec(() => import("@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs"));

type JpegImage = { parse(data: Uint8Array): void; colorTransform: boolean; width: number; height: number; components: unknown[]; getData16(width: number, height: number): Uint16Array };
let twelveBit: Promise<new () => JpegImage> | undefined;

/**
 * dicom-image-loader's JPEG decoder (pdf.js's), which its package does not export: imported by its
 * file (a module with no imports of its own), so the server bundle carries it like our own code.
 */
function loadTwelveBit(): Promise<new () => JpegImage> {
  return import("../../../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/codecs/jpeg.js").then(
    // Its declarations leave out colorTransform, which the class has and which must be turned off.
    (module) => module.default as unknown as new () => JpegImage,
  );
}

/** The sample precision of a JPEG stream, from its start-of-frame marker (ITU T.81 B.2.2). */
export function jpegPrecision(stream: Uint8Array): number | undefined {
  let position = 2;
  while (position + 4 < stream.length) {
    if (stream[position] !== 0xff) return undefined;
    const marker = stream[position + 1]!;
    if (marker === 0xff) {
      position += 1;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return stream[position + 4];
    position += 2 + ((stream[position + 2]! << 8) | stream[position + 3]!);
  }
  return undefined;
}

async function decodeTwelveBit(compressed: Uint8Array, format: PixelFormat): Promise<Frame> {
  twelveBit ??= loadTwelveBit();
  const JpegImage = await twelveBit.catch((error: unknown) => {
    twelveBit = undefined;
    throw error;
  });
  const image = new JpegImage();
  let samples: Uint16Array;
  try {
    image.parse(compressed);
    // DICOM says what the samples are; the decoder must not convert them.
    image.colorTransform = false;
    samples = image.getData16(image.width, image.height);
  } catch (error) {
    throw new FrameDecodeError(`12-bit JPEG: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const samplesPerPixel = image.components.length;
  if (samples.length !== image.width * image.height * samplesPerPixel) throw new FrameDecodeError("12-bit JPEG: the decoder gave the wrong number of samples");
  // Typed arrays are in the platform's byte order: little endian on every server Carrier runs on.
  return { ...format, rows: image.height, columns: image.width, samplesPerPixel, bitsAllocated: 16, planar: false, bytes: new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength) };
}

export async function decodeJpegBaseline(compressed: Uint8Array, format: PixelFormat): Promise<Frame> {
  const precision = jpegPrecision(compressed);
  if (precision !== undefined && precision > 8) return decodeTwelveBit(compressed, format);
  return libjpegTurbo.run((codec) => {
    const { info, bytes } = decodeInHeap(codec, new codec.JPEGDecoder(), withColourSpace(compressed, format.photometric), "JPEG");
    const colour = info.componentCount === 3;
    return {
      ...format,
      rows: info.height,
      columns: info.width,
      samplesPerPixel: info.componentCount,
      bitsAllocated: 8,
      bitsStored: Math.min(format.bitsStored, 8),
      // libjpeg-turbo gives RGB whatever colour space the frame was compressed in.
      photometric: colour ? "RGB" : format.photometric,
      planar: false,
      bytes,
    };
  });
}
