import type { CodecModule, Jpeg2000Decoder } from "./codec-module";
import type { Frame, PixelFormat } from "./frame";
import { wasmCodec } from "./wasm-codec";
import { decodeInHeap } from "./wasm-decode";

// JPEG 2000 (1.2.840.10008.1.2.4.90, .91) through OpenJPEG, and High-Throughput JPEG 2000
// (1.2.840.10008.1.2.4.201-203) through OpenJPH. Both undo the codestream's component transform,
// so YBR_RCT and YBR_ICT frames come out RGB, and both say whether the samples are signed
// (which some files' Pixel Representation gets wrong; the codestream is what was compressed).

const openjpeg = wasmCodec(() => import("@cornerstonejs/codec-openjpeg/decodewasmjs"));
const openjph = wasmCodec(() => import("@cornerstonejs/codec-openjph/wasmjs"));

const TRANSFORMED = new Set(["YBR_RCT", "YBR_ICT"]);

function decodeWith(codec: CodecModule, decoder: Jpeg2000Decoder, compressed: Uint8Array, format: PixelFormat, what: string): Frame {
  const { info, bytes } = decodeInHeap(codec, decoder, compressed, what);
  return {
    ...format,
    rows: info.height,
    columns: info.width,
    samplesPerPixel: info.componentCount,
    bitsAllocated: info.bitsPerSample > 8 ? 16 : 8,
    bitsStored: Math.min(info.bitsPerSample, info.bitsPerSample > 8 ? 16 : 8),
    signed: info.isSigned,
    photometric: TRANSFORMED.has(format.photometric) ? "RGB" : format.photometric,
    planar: false,
    bytes,
  };
}

export function decodeJpeg2000(compressed: Uint8Array, format: PixelFormat): Promise<Frame> {
  return openjpeg.run((codec) => decodeWith(codec, new codec.J2KDecoder(), compressed, format, "JPEG 2000"));
}

export function decodeHtj2k(compressed: Uint8Array, format: PixelFormat): Promise<Frame> {
  return openjph.run((codec) => decodeWith(codec, new codec.HTJ2KDecoder(), compressed, format, "HTJ2K"));
}
