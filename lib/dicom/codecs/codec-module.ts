// The parts of the cornerstone codecs' embind classes that Carrier calls (see each package's
// src/*.hpp); their packages ship no types.

export interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** An embind object: its memory lives in the module's heap until `delete` is called. */
export interface Embound {
  delete(): void;
}

export interface Decoder extends Embound {
  /** A view of the module's heap to copy the compressed bytes into (valid until the next allocation). */
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
}

export interface JpegLsDecoder extends Decoder {
  /** 0: planes one after another; 1: line by line; 2: sample by sample. */
  getInterleaveMode(): number;
}

export interface Jpeg2000Decoder extends Decoder {
  /** 0 none, 1 sRGB, 2 grey, 3 sYCC ... as OpenJPEG names them; a multiple component transform was undone. */
  getColorSpace(): number;
}

export interface JpegEncoder extends Embound {
  /** A view of the module's heap to copy the pixels to encode into. */
  getDecodedBuffer(frameInfo: FrameInfo): Uint8Array;
  setQuality(quality: number): void;
  setProgressive(progressive: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
}

export interface Htj2kEncoder extends Embound {
  getDecodedBuffer(frameInfo: FrameInfo & { isUsingColorTransform: boolean }): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
}

export interface CodecModule {
  JPEGDecoder: new () => Decoder;
  JPEGEncoder: new () => JpegEncoder;
  JpegLSDecoder: new () => JpegLsDecoder;
  J2KDecoder: new () => Jpeg2000Decoder;
  HTJ2KDecoder: new () => Jpeg2000Decoder;
  /** Only the tests encode HTJ2K: the test data holds no such file. */
  HTJ2KEncoder: new () => Htj2kEncoder;
  /** The text of a C++ exception thrown as a pointer (CharLS). */
  getExceptionMessage?: (pointer: number) => string;
}

/** Emscripten module options: where its .wasm is, and where its printed lines go. */
export type CodecOptions = { locateFile?: (file: string) => string; print?: (line: string) => void; printErr?: (line: string) => void };

export type CodecFactory = (options?: CodecOptions) => Promise<CodecModule>;
