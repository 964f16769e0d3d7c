import type { Frame, PixelFormat } from "./frame";
import { wasmCodec } from "./wasm-codec";
import { decodeInHeap } from "./wasm-decode";

// JPEG-LS lossless and near-lossless (1.2.840.10008.1.2.4.80, .81): CharLS.

const charls = wasmCodec(() => import("@cornerstonejs/codec-charls/decodewasmjs"));

export function decodeJpegLs(compressed: Uint8Array, format: PixelFormat): Promise<Frame> {
  return charls.run((codec) => {
    let interleave = 2;
    const { info, bytes } = decodeInHeap(codec, new codec.JpegLSDecoder(), compressed, "JPEG-LS", (decoder) => (interleave = decoder.getInterleaveMode()));
    return {
      ...format,
      rows: info.height,
      columns: info.width,
      samplesPerPixel: info.componentCount,
      bitsAllocated: info.bitsPerSample > 8 ? 16 : 8,
      // Without interleaving (mode 0) CharLS writes each component's plane whole.
      planar: info.componentCount > 1 && interleave === 0,
      bytes,
    };
  });
}
