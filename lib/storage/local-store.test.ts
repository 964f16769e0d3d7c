import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobNotFoundError, InvalidBlobKeyError } from "./blob-store";
import { instanceKey } from "./keys";
import { LocalBlobStore } from "./local-store";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every file under a folder, hidden temp files included. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Sends some bytes, then fails the way a dropped upload does. */
function streamFailingHalfway(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) {
        this.destroy(new Error("connection reset"));
        return;
      }
      sent = true;
      this.push(Buffer.alloc(64 * 1024, 7));
    },
  });
}

describe("LocalBlobStore", () => {
  let root: string;
  let store: LocalBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "carrier-blobs-"));
    store = new LocalBlobStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores bytes and reads them back with their size and SHA-256", async () => {
    const body = new TextEncoder().encode("DICM and then some");
    const key = instanceKey(sha256(body));

    const stored = await store.put(key, body);

    expect(stored).toEqual({ bytes: body.length, sha256: sha256(body) });
    expect(new Uint8Array(await buffer(await store.get(key)))).toEqual(body);
    expect(await store.exists(key)).toBe(true);
  });

  it("stores bytes held in memory under their content key, owner-only, again without harm, and leaves no temp file", async () => {
    const body = new TextEncoder().encode("an image unpacked from a bundle");
    const key = instanceKey(sha256(body));
    await store.putBytes(key, body);
    await store.putBytes(key, body);
    expect(new Uint8Array(await buffer(await store.get(key)))).toEqual(body);
    const path = join(root, ...key.split("/"));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dirname(path))).toEqual([basename(path)]);
  });

  it("reads a range of a blob, and what there is of a range that runs past its end", async () => {
    const body = new TextEncoder().encode("0123456789");
    await store.put("instances/ab/cd/range", body);
    expect(Buffer.from(await buffer(await store.get("instances/ab/cd/range", { start: 2, end: 5 }))).toString()).toBe("234");
    expect(Buffer.from(await buffer(await store.get("instances/ab/cd/range", { start: 8, end: 20 }))).toString()).toBe("89");
    expect((await buffer(await store.get("instances/ab/cd/range", { start: 4, end: 4 }))).length).toBe(0);
  });

  it("reads a whole blob into a buffer it is given, whatever size it is told to expect, and says when it does not fit", async () => {
    const body = Buffer.from("0123456789".repeat(100));
    await store.put("instances/ab/cd/scratch", body);
    const scratch = Buffer.alloc(4096);
    for (const expected of [undefined, body.length, body.length - 1, body.length + 1, 0]) {
      const view = await store.readInto("instances/ab/cd/scratch", scratch, expected);
      expect([expected, Buffer.from(view!).equals(body)]).toEqual([expected, true]);
      expect(view!.buffer).toBe(scratch.buffer);
    }
    expect(await store.readInto("instances/ab/cd/scratch", Buffer.alloc(body.length), body.length)).toBeUndefined();
    await expect(store.readInto("instances/ab/cd/none", scratch, 10)).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("stores a multi-chunk stream and reports the size and SHA-256 of all of it", async () => {
    const chunks = Array.from({ length: 80 }, (_, index) => Buffer.alloc(64 * 1024, index));
    const whole = Buffer.concat(chunks);

    const stored = await store.put("instances/ab/cd/stream.dcm", Readable.from(chunks));

    expect(stored).toEqual({ bytes: whole.length, sha256: sha256(whole) });
    const readBack = await buffer(await store.get("instances/ab/cd/stream.dcm"));
    expect(sha256(readBack)).toBe(stored.sha256);
  });

  it("replaces a blob written again under the same key", async () => {
    await store.put("reports/a.txt", new TextEncoder().encode("first"));
    await store.put("reports/a.txt", new TextEncoder().encode("second"));
    expect((await buffer(await store.get("reports/a.txt"))).toString()).toBe("second");
  });

  it("leaves neither the blob nor a temp file behind when the stream fails halfway", async () => {
    const key = "instances/ab/cd/broken.dcm";

    await expect(store.put(key, streamFailingHalfway())).rejects.toThrow("connection reset");

    expect(await store.exists(key)).toBe(false);
    expect(await filesUnder(root)).toEqual([]);
  });

  it("writes files readable by the owner only, in owner-only folders", async () => {
    const key = instanceKey("ab".repeat(32));
    await store.put(key, new Uint8Array([1, 2, 3]));

    expect((await stat(join(root, ...key.split("/")))).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, "instances", "ab", "ab"))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, "instances"))).mode & 0o777).toBe(0o700);
  });

  it("rejects reading a missing blob with BlobNotFoundError", async () => {
    await expect(store.get("instances/00/00/missing.dcm")).rejects.toBeInstanceOf(BlobNotFoundError);
    await store.put("instances/00/00/present.dcm", new Uint8Array([1]));
    // A folder is not a blob either.
    await expect(store.get("instances/00")).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.exists("instances/00")).toBe(false);
  });

  it("deletes a blob, and deleting it again is not an error", async () => {
    await store.put("tmp/x.bin", new Uint8Array([1, 2]));
    await store.delete("tmp/x.bin");
    expect(await store.exists("tmp/x.bin")).toBe(false);
    await expect(store.delete("tmp/x.bin")).resolves.toBeUndefined();
  });

  it.each([
    ["../x", /"\.\." segments/],
    ["a/../b", /"\.\." segments/],
    ["a/./b", /"\." segments/],
    ["/abs", /must not start with \//],
    ["a//b", /empty segment/],
    ["a/", /empty segment/],
    ["", /empty/],
    ["A.dcm", /lower-case/],
    ["a b", /lower-case/],
    ["a\\b", /lower-case/],
    [".hidden", /dot/],
  ])("rejects the key %j", async (key, reason) => {
    await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow(InvalidBlobKeyError);
    await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow(reason);
    await expect(store.get(key)).rejects.toThrow(InvalidBlobKeyError);
    await expect(store.exists(key)).rejects.toThrow(InvalidBlobKeyError);
    await expect(store.delete(key)).rejects.toThrow(InvalidBlobKeyError);
    expect(await filesUnder(root)).toEqual([]);
  });

  it("reports healthy for a writable root and leaves no probe behind", async () => {
    expect(await store.health()).toEqual({ ok: true });
    expect(await readdir(root)).toEqual([]);
  });

  it("reports unhealthy, with a reason, when the root is a regular file", async () => {
    const file = join(root, "not-a-folder");
    await writeFile(file, "x");

    const health = await new LocalBlobStore(file).health();

    expect(health.ok).toBe(false);
    expect(health.reason).toMatch(/not a folder/);
  });

  it("reports unhealthy when the root is missing, until ensureRoot creates it", async () => {
    const missing = new LocalBlobStore(join(root, "blobs"));
    const before = await missing.health();
    expect(before.ok).toBe(false);
    expect(before.reason).toMatch(/does not exist/);

    await missing.ensureRoot();

    expect(await missing.health()).toEqual({ ok: true });
    expect((await stat(join(root, "blobs"))).mode & 0o777).toBe(0o700);
  });
});

describe("instanceKey", () => {
  it("fans content-addressed keys out by the first two byte pairs of the hash", () => {
    const hash = sha256(new Uint8Array([1, 2, 3]));
    expect(instanceKey(hash)).toBe(`instances/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.dcm`);
  });

  it("refuses anything that is not a lower-case hex SHA-256", () => {
    expect(() => instanceKey("ABCD".repeat(16))).toThrow(InvalidBlobKeyError);
    expect(() => instanceKey("abc")).toThrow(InvalidBlobKeyError);
    expect(() => instanceKey(`../${"a".repeat(61)}`)).toThrow(InvalidBlobKeyError);
  });
});
