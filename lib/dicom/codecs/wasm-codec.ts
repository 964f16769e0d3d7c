import type { CodecFactory, CodecModule } from "./codec-module";

// The emscripten codecs take a moment to compile, so each is loaded the first time an image
// needs it and kept. A codec that fails mid-decode may leave its module aborted (emscripten's
// abort() poisons the instance): after any failure the module is dropped and loaded afresh.

// OpenJPEG narrates every decode on stdout; only its errors are worth a line in the log. A new
// object each time: emscripten makes the options object the module, and embind refuses to
// register its classes twice on one.
const quiet = () => ({
  print: () => undefined,
  printErr: (line: string) => {
    if (line.includes("[ERROR]")) console.error(`[codec] ${line}`);
  },
});

export type WasmCodec = {
  /** Runs `work` with the loaded module; a throw discards the module so the next call starts clean. */
  run<T>(work: (codec: CodecModule) => T): Promise<T>;
};

export function wasmCodec(load: () => Promise<{ default: CodecFactory }>): WasmCodec {
  let loading: Promise<CodecModule> | undefined;
  return {
    async run(work) {
      loading ??= load().then((module) => module.default(quiet()));
      const current = loading;
      let codec: CodecModule;
      try {
        codec = await current;
      } catch (error) {
        if (loading === current) loading = undefined;
        throw error;
      }
      try {
        return work(codec);
      } catch (error) {
        if (loading === current) loading = undefined;
        throw error;
      }
    },
  };
}

/** A readable message from what emscripten threw: C++ exceptions arrive as bare pointers. */
export function codecMessage(codec: CodecModule, error: unknown): string {
  if (typeof error === "number") return codec.getExceptionMessage?.(error) ?? `the codec threw a C++ exception (${error})`;
  return error instanceof Error ? error.message : String(error);
}
