import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ERRORS, Upload } from "@tus/utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { uploadFileStore, uploadsDir } from "./upload-store";

// The upload area's store writes what arrives in large pieces; what it wrote must still be
// exactly what was sent, at the offset the request named, and a request cut short must leave
// only bytes that did arrive, so that resuming from the file's size is right.

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "carrier-upload-store-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const bytes = (length: number, seed: number) => Buffer.from(Array.from({ length }, (_, index) => (index * 31 + seed) & 0xff));

/** The body as the network hands it over: many small chunks. */
const chunked = (body: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(body.length / size) }, (_, index) => body.subarray(index * size, (index + 1) * size)));

async function newUpload(size: number) {
  const store = uploadFileStore(dataDir);
  const upload = new Upload({ id: "a".repeat(32), size, offset: 0, metadata: {}, creation_date: new Date().toISOString() });
  await store.create(upload);
  return { store, path: join(uploadsDir(dataDir), upload.id), id: upload.id };
}

describe("the upload area's store", () => {
  it("writes many small chunks at the offset asked, byte for byte, in two requests", async () => {
    const body = bytes(3 * 1024 * 1024 + 12_345, 7);
    const { store, path, id } = await newUpload(body.length);
    const half = 1_500_001;
    expect(await store.write(chunked(body.subarray(0, half), 16 * 1024), id, 0)).toBe(half);
    expect(await store.write(chunked(body.subarray(half), 60_000), id, half)).toBe(body.length);
    expect(Buffer.compare(await readFile(path), body)).toBe(0);
    expect((await store.getUpload(id)).offset).toBe(body.length);
  });

  it("a request cut short fails as tus's write error and leaves only bytes that arrived, from the start", async () => {
    const body = bytes(3 * 1024 * 1024, 3);
    const { store, path, id } = await newUpload(body.length);
    function* cut() {
      for (let start = 0; start < 2_500_000; start += 64 * 1024) yield body.subarray(start, start + 64 * 1024);
      throw new Error("connection reset");
    }
    await expect(store.write(Readable.from(cut()), id, 0)).rejects.toBe(ERRORS.FILE_WRITE_ERROR);
    const written = await readFile(path);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(2_500_000);
    expect(Buffer.compare(written, body.subarray(0, written.length))).toBe(0);
    expect((await store.getUpload(id)).offset).toBe(written.length);
  });
});
