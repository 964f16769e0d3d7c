import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";

// The build's static files (the viewer's JavaScript is 4.6 MB, its decoders' WebAssembly more)
// compressed once, beside each file as .br and .gz, at the strongest settings: Carrier's server
// sends them as they are (static-files.ts) instead of gzipping each answer again, which cost it
// about 140 ms of CPU for the viewer's largest file alone, and brotli makes that file about a third
// smaller than gzip for a patient on a slow connection.

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Kinds worth compressing; images and fonts already are. */
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".json", ".svg", ".txt", ".wasm", ".map", ".html"]);
// Below this a compressed copy saves less than its own headers cost.
const MIN_BYTES = 1024;

/** Whether the build compresses a file of this name and size. */
export function compressible(file: string, bytes: number): boolean {
  return COMPRESSIBLE.has(path.extname(file)) && bytes >= MIN_BYTES;
}

export type Encoding = "br" | "gzip";
export const ENCODED_SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

async function compressOne(file: string): Promise<void> {
  const bytes = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that is not smaller is not kept: the file is sent as it is.
  if (br.length < bytes.length) await writeFile(file + ENCODED_SUFFIX.br, br);
  if (gz.length < bytes.length) await writeFile(file + ENCODED_SUFFIX.gzip, gz);
}

/** Writes the compressed copies of every compressible file under `folder`. */
export async function precompressFolder(folder: string): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile() && COMPRESSIBLE.has(path.extname(entry.name))).map((entry) => path.join(entry.parentPath, entry.name));
  // zlib works on libuv's thread pool: a few at a time keep every core busy.
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      if (compressible(file, (await stat(file)).size)) await compressOne(file);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
