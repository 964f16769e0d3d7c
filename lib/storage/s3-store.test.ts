import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { createPatientActor } from "../../scripts/test/patient-account";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { batchTarget, openBatch } from "../ingest/batch";
import { ingestUpload } from "../ingest/upload";
import { BlobNotFoundError, InvalidBlobKeyError } from "./blob-store";
import { instanceKey } from "./keys";
import { S3BlobStore } from "./s3-store";

// The S3 blob store against a real S3 server (the npm s3rver, started here on a free port).

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
let folder: string;
let server: S3rver;
let store: S3BlobStore;
let endpoint: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "carrier-s3-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: folder, configureBuckets: [{ name: "carrier-images" }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  store = new S3BlobStore({ bucket: "carrier-images", region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
});
afterAll(async () => {
  store.close();
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

describe("S3BlobStore", () => {
  it("stores bytes and a multi-part stream, and reads them back with their size and SHA-256", async () => {
    const small = new TextEncoder().encode("DICM and then some");
    expect(await store.put(instanceKey(sha256(small)), small)).toEqual({ bytes: small.length, sha256: sha256(small) });
    expect(new Uint8Array(await buffer(await store.get(instanceKey(sha256(small)))))).toEqual(small);

    // 20 MB: more than two 8 MB parts of a multipart upload.
    const chunks = Array.from({ length: 20 }, (_, index) => Buffer.alloc(1024 * 1024, index));
    const whole = Buffer.concat(chunks);
    const stored = await store.put("instances/ab/cd/large.dcm", Readable.from(chunks));
    expect(stored).toEqual({ bytes: whole.length, sha256: sha256(whole) });
    expect(sha256(await buffer(await store.get("instances/ab/cd/large.dcm")))).toBe(stored.sha256);
    // A range: the frames of a multi-frame image are read without the rest of the file.
    const range = { start: 3 * 1024 * 1024 - 10, end: 3 * 1024 * 1024 + 10 };
    expect(Buffer.from(await buffer(await store.get("instances/ab/cd/large.dcm", range)))).toEqual(whole.subarray(range.start, range.end));
  });

  it("stores a finished file once under its content key", async () => {
    const bytes = new TextEncoder().encode("an uploaded image");
    const path = join(folder, "upload.bin");
    await writeFile(path, bytes);
    const key = instanceKey(sha256(bytes));
    await store.putFile(key, path);
    await store.putFile(key, path);
    expect(new Uint8Array(await buffer(await store.get(key)))).toEqual(bytes);
  });

  it("stores bytes held in memory once under their content key", async () => {
    const bytes = new TextEncoder().encode("an image unpacked from a bundle");
    const key = instanceKey(sha256(bytes));
    await store.putBytes(key, bytes);
    await store.putBytes(key, bytes);
    expect(new Uint8Array(await buffer(await store.get(key)))).toEqual(bytes);
  });

  it("says what is missing, deletes idempotently, and refuses keys that are not Carrier's", async () => {
    await expect(store.get("instances/00/00/missing.dcm")).rejects.toThrow(BlobNotFoundError);
    expect(await store.exists("instances/00/00/missing.dcm")).toBe(false);
    await store.put("reports/a.txt", new TextEncoder().encode("x"));
    await store.delete("reports/a.txt");
    await store.delete("reports/a.txt");
    expect(await store.exists("reports/a.txt")).toBe(false);
    await expect(store.put("../escape", new Uint8Array([1]))).rejects.toThrow(InvalidBlobKeyError);
  });

  it("leaves no object when the stream fails halfway", async () => {
    let sent = false;
    const failing = new Readable({
      read() {
        if (sent) this.destroy(new Error("connection reset"));
        else this.push(Buffer.alloc(64 * 1024, 7));
        sent = true;
      },
    });
    await expect(store.put("instances/ab/cd/broken.dcm", failing)).rejects.toThrow("connection reset");
    expect(await store.exists("instances/ab/cd/broken.dcm")).toBe(false);
  });

  it("reports its health, and names the bucket it cannot reach", async () => {
    expect(await store.health()).toEqual({ ok: true });
    const elsewhere = new S3BlobStore({ bucket: "no-such-bucket", region: "us-east-1", endpoint, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
    const health = await elsewhere.health();
    elsewhere.close();
    expect(health).toMatchObject({ ok: false, reason: expect.stringContaining("no-such-bucket") as unknown });
  });
});

describe("ingest into S3", () => {
  it("files an uploaded image with its bytes in the bucket, byte for byte", async () => {
    const db = createPrismaClient(inject("databaseUrl"));
    try {
      const actor = await createPatientActor(db);
      const [instance] = syntheticCtSeries({ patient: { name: "Three^S", patientId: "1", birthDate: "19800101", sex: "F" }, study: { date: "20260101" }, slices: 1 });
      const path = join(folder, "upload-ct");
      await writeFile(path, instance!.bytes);
      const batch = await openBatch(db, actor, actor.patientId, []);
      const [result] = await ingestUpload(db, store, await batchTarget(db, actor, batch.id), { id: `s3-${Date.now()}`, path, name: "IM1", bytes: instance!.bytes.length, isZip: false }, join(folder, "work"));
      expect(result).toMatchObject({ outcome: "STORED" });
      const stored = await db.instance.findFirstOrThrow({ where: { patientId: actor.patientId } });
      expect(new Uint8Array(await buffer(await store.get(stored.storageKey)))).toEqual(instance!.bytes);
    } finally {
      await db.$disconnect();
    }
  });
});
