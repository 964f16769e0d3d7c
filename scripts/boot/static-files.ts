import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import type http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { responseHeadersFor } from "../../lib/security/response-headers";
import { compressible, ENCODED_SUFFIX, type Encoding } from "./precompress";

// The build's static files (/_next/static/…, named by their content, so never changed), sent by
// Carrier's server with the compressed copy the build made (precompress.ts) that the browser takes:
// brotli, else gzip, else the file itself. The folder is read once at start; a path it did not
// hold, or a file without its compressed copies, is left to Next, which answers as it always does.

const PREFIX = "/_next/static/";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
};

type Variant = { file: string; bytes: number; encoding?: Encoding };
type StaticFile = { type: string; variants: Variant[] };

/** The encodings the client takes, best first (brotli, then gzip), from its Accept-Encoding. */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const taken = new Map<string, number>();
  for (const item of (header ?? "").split(",")) {
    const [name = "", ...params] = item.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    taken.set(name, q ? Number(q.slice(2)) : 1);
  }
  return (["br", "gzip"] as const).filter((name) => (taken.get(name) ?? taken.get("*") ?? 0) > 0);
}

async function readFolder(root: string): Promise<Map<string, StaticFile>> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
  const sizes = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    sizes.set(file, (await stat(file)).size);
  }
  const files = new Map<string, StaticFile>();
  for (const [file, bytes] of sizes) {
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type) continue;
    const variants: Variant[] = [];
    for (const encoding of ["br", "gzip"] as const) {
      const encoded = sizes.get(file + ENCODED_SUFFIX[encoding]);
      if (encoded !== undefined) variants.push({ file: file + ENCODED_SUFFIX[encoding], bytes: encoded, encoding });
    }
    // A file the build left uncompressed (built before it compressed, say): Next gzips it as it goes.
    if (variants.length === 0 && compressible(file, bytes)) continue;
    variants.push({ file, bytes });
    files.set(PREFIX + path.relative(root, file).split(path.sep).join("/"), { type, variants });
  }
  return files;
}

export type StaticFiles = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | null;

/** Answers GET and HEAD for the files under `staticFolder` (.next/static); null leaves a request to Next. */
export async function staticFiles(staticFolder: string): Promise<StaticFiles> {
  const files = await readFolder(path.resolve(staticFolder));
  return (request, response) => {
    const method = request.method ?? "GET";
    const pathname = (request.url ?? "/").split("?")[0]!;
    const found = method === "GET" || method === "HEAD" ? files.get(pathname) : undefined;
    if (!found) return null;
    const accepted = acceptedEncodings(request.headers["accept-encoding"]);
    const variant = found.variants.find((candidate) => !candidate.encoding || accepted.includes(candidate.encoding))!;
    response.writeHead(200, {
      ...responseHeadersFor(pathname),
      "Content-Type": found.type,
      "Content-Length": String(variant.bytes),
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
      ...(variant.encoding ? { "Content-Encoding": variant.encoding } : {}),
    });
    if (method === "HEAD") {
      response.end();
      return Promise.resolve();
    }
    // A client that goes away mid-file ends the stream; nothing else to do.
    return pipeline(createReadStream(variant.file), response).catch(() => undefined);
  };
}
