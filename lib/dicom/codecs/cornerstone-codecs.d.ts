// The cornerstone codec packages are emscripten builds without types: each entry point's default
// export is the factory that compiles the WebAssembly module.
declare module "@cornerstonejs/codec-*" {
  import type { CodecFactory } from "@/lib/dicom/codecs/codec-module";

  const factory: CodecFactory;
  export default factory;
}
