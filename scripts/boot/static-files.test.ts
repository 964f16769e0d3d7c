import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type CarrierHttpServer } from "./http-server";
import { precompressFolder } from "./precompress";
import { acceptedEncodings, staticFiles } from "./static-files";

// The build's static files, compressed once by the build and sent by Carrier's server as they are,
// on a real server with a folder laid out like .next/static. Bytes are read raw (no client-side
// decoding) so the test sees exactly what a browser receives.

let folder: string;
let server: CarrierHttpServer;
let base: string;
const script = Buffer.from("export function frame(index) { return `frame ${index}`; }\n".repeat(200));
const tiny = Buffer.from("export {};\n");
const font = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256));

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "carrier-static-"));
  await mkdir(path.join(folder, "chunks"));
  await mkdir(path.join(folder, "media"));
  await writeFile(path.join(folder, "chunks/viewer.js"), script);
  await writeFile(path.join(folder, "chunks/tiny.js"), tiny);
  await writeFile(path.join(folder, "media/font.woff2"), font);
  await precompressFolder(folder);
  // Made after the build compressed: left to Next, which compresses as it sends.
  await writeFile(path.join(folder, "chunks/late.js"), script);
  server = await listen(0, "127.0.0.1");
  const assets = await staticFiles(folder);
  server.serve(async (request, response) => assets(request, response) ?? void response.writeHead(404).end("Next would answer this\n"));
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${pathname}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("the build's static files", () => {
  it("are compressed once by the build, brotli and gzip, when that makes them smaller", async () => {
    expect(zlib.brotliDecompressSync(await readFile(path.join(folder, "chunks/viewer.js.br")))).toEqual(script);
    expect(zlib.gunzipSync(await readFile(path.join(folder, "chunks/viewer.js.gz")))).toEqual(script);
    await expect(readFile(path.join(folder, "chunks/tiny.js.br"))).rejects.toThrow();
    await expect(readFile(path.join(folder, "media/font.woff2.br"))).rejects.toThrow();
  });

  it("go to a browser in the best encoding it takes, cached for good, with the headers every response carries", async () => {
    const chromium = await get("/_next/static/chunks/viewer.js", { "Accept-Encoding": "gzip, deflate, br, zstd" });
    expect(chromium.status).toBe(200);
    expect(chromium.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(chromium.body)).toEqual(script);
    expect(Number(chromium.headers["content-length"])).toBe(chromium.body.length);
    expect(chromium.body.length).toBeLessThan(script.length / 10);
    expect(chromium.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(chromium.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(chromium.headers.vary).toBe("Accept-Encoding");
    expect(chromium.headers["x-content-type-options"]).toBe("nosniff");

    const gzipOnly = await get("/_next/static/chunks/viewer.js?dpl=1", { "Accept-Encoding": "br;q=0, gzip" });
    expect(gzipOnly.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(gzipOnly.body)).toEqual(script);

    const plain = await get("/_next/static/chunks/viewer.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toEqual(script);
  });

  it("send small and already compressed files as they are, and HEAD without a body", async () => {
    expect((await get("/_next/static/chunks/tiny.js", { "Accept-Encoding": "br" })).body).toEqual(tiny);
    const woff = await get("/_next/static/media/font.woff2", { "Accept-Encoding": "br, gzip" });
    expect([woff.headers["content-type"], woff.headers["content-encoding"]]).toEqual(["font/woff2", undefined]);
    expect(woff.body).toEqual(font);
    const head = await get("/_next/static/chunks/viewer.js", { "Accept-Encoding": "br" }, "HEAD");
    expect(head.headers["content-length"]).toBe(String((await readFile(path.join(folder, "chunks/viewer.js.br"))).length));
    expect(head.body.length).toBe(0);
  });

  it("leave to Next what the build did not make or compress, other methods and other paths", async () => {
    for (const [pathname, method] of [
      ["/_next/static/chunks/late.js", "GET"],
      ["/_next/static/chunks/missing.js", "GET"],
      ["/_next/static/chunks/../../package.json", "GET"],
      ["/_next/static/chunks/viewer.js.br", "GET"],
      ["/_next/static/chunks/viewer.js", "POST"],
      ["/studies", "GET"],
    ] as const) {
      const answer = await get(pathname, { "Accept-Encoding": "br" }, method);
      expect([pathname, answer.status, answer.body.toString()]).toEqual([pathname, 404, "Next would answer this\n"]);
    }
  });
});

describe("acceptedEncodings", () => {
  it("reads q-values and the wildcard", () => {
    expect(acceptedEncodings("gzip, deflate, br, zstd")).toEqual(["br", "gzip"]);
    expect(acceptedEncodings("gzip;q=0.5, br;q=0")).toEqual(["gzip"]);
    expect(acceptedEncodings("*")).toEqual(["br", "gzip"]);
    expect(acceptedEncodings("identity")).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });
});
