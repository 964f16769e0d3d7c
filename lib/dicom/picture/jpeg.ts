import { FrameDecodeError } from "../codecs/frame";
import { codecMessage, wasmCodec } from "../codecs/wasm-codec";
import { freeQuietly } from "../codecs/wasm-decode";
import type { Picture } from "./picture";

// A baseline JPEG of a drawn picture, for clients that ask /rendered for image/jpeg: the full
// libjpeg-turbo build, the one with the encoder, loaded the first time it is needed.

const libjpegTurbo = wasmCodec(() => import("@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs"));
// High enough that windowed greys keep their smooth ramps; the rendered resource is for viewing.
const QUALITY = 90;

export function encodeJpeg({ pixels, width, height, channels }: Picture): Promise<Uint8Array> {
  return libjpegTurbo.run((codec) => {
    const encoder = new codec.JPEGEncoder();
    try {
      encoder.getDecodedBuffer({ width, height, bitsPerSample: 8, componentCount: channels, isSigned: false }).set(pixels);
      encoder.setQuality(QUALITY);
      // Baseline, not progressive: every client decodes it.
      encoder.setProgressive(0);
      encoder.encode();
      // Copied out of the module's heap into an array of this realm (the codec's may be another's).
      return new Uint8Array(encoder.getEncodedBuffer());
    } catch (error) {
      throw new FrameDecodeError(`JPEG encoding: ${codecMessage(codec, error)}`, { cause: error });
    } finally {
      freeQuietly(encoder);
    }
  });
}
