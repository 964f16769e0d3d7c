import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { Upload } from "@tus/utils";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { createPatientActor } from "../../scripts/test/patient-account";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import type { BlobStore } from "../storage/blob-store";
import { LocalBlobStore } from "../storage/local-store";
import { batchTarget, openBatch } from "./batch";
import { recoverUploads } from "./recover";
import { ingestUpload } from "./upload";
import { UPLOAD_EXPIRY_MS, finishedUpload, uploadFileStore, uploadsDir } from "./upload-store";

// A restart in the middle of ingest loses nothing and shows nothing half-done as complete: the
// upload stays on disk until its ingest is recorded, and start-up finishes what was cut short.

const db = createPrismaClient(inject("databaseUrl"));
let dataDir: string;
let store: LocalBlobStore;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "carrier-recover-"));
  store = new LocalBlobStore(join(dataDir, "storage"));
  await store.ensureRoot();
});
afterAll(async () => {
  await db.$disconnect();
  await rm(dataDir, { recursive: true, force: true });
});

const patientActor = () => createPatientActor(db);

/** Puts a finished (or partial) upload on disk exactly as @tus/server's FileStore leaves it. */
async function tusUpload(bytes: Uint8Array, metadata: Record<string, string>, options: { received?: number; createdAt?: Date } = {}) {
  const uploads = uploadFileStore(dataDir);
  await mkdir(uploadsDir(dataDir), { recursive: true });
  const id = randomBytes(16).toString("hex");
  const upload = new Upload({ id, size: bytes.length, offset: 0, metadata, creation_date: (options.createdAt ?? new Date()).toISOString() });
  await uploads.create(upload);
  const received = options.received ?? bytes.length;
  await uploads.write(Readable.from([Buffer.from(bytes.subarray(0, received))]), id, 0);
  return { uploads, upload: await uploads.getUpload(id) };
}

/** A store that dies after `count` writes, the way a process killed mid-ingest stops. */
function storeDyingAfter(count: number, real: BlobStore): BlobStore {
  let left = count;
  return {
    ...real,
    putFile: async (key, path) => {
      if (left-- <= 0) throw new Error("killed");
      return real.putFile(key, path);
    },
    putBytes: async (key, bytes) => {
      if (left-- <= 0) throw new Error("killed");
      return real.putBytes(key, bytes);
    },
  };
}

describe("recovery at start-up", () => {
  it("finishes a zip whose ingest was killed halfway, each image once, and keeps the study receiving until the upload ends", async () => {
    const actor = await patientActor();
    const series = syntheticCtSeries({ patient: { name: "R^R", patientId: "1", birthDate: "19800101", sex: "M" }, study: { date: "20260101" }, slices: 4, size: { rows: 32, columns: 32 } });
    const folder = await mkdtemp(join(dataDir, "zip-"));
    for (const instance of series) await writeFile(join(folder, `IM${instance.instanceNumber}`), instance.bytes);
    execFileSync("zip", ["-qr", "../cd.zip", "."], { cwd: folder });
    const zip = await readFile(join(folder, "..", "cd.zip"));
    const batch = await openBatch(db, actor, actor.patientId, series.map(({ studyInstanceUid, sopInstanceUid }) => ({ studyInstanceUid, sopInstanceUid })));
    const { uploads, upload } = await tusUpload(zip, { batchId: batch.id, filename: "cd.zip", kind: "zip", owner: actor.userId });

    const target = await batchTarget(db, actor, batch.id);
    await expect(ingestUpload(db, storeDyingAfter(2, store), target, finishedUpload(uploads, upload), join(dataDir, "work"))).rejects.toThrow("killed");
    expect(await db.instance.count({ where: { patientId: actor.patientId } })).toBe(2);
    // Half-indexed is never shown as complete.
    expect(await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } })).toMatchObject({ status: "RECEIVING" });
    expect(existsSync(join(uploadsDir(dataDir), upload.id))).toBe(true);

    const report = await recoverUploads(db, store, dataDir);
    expect(report.ingested).toBeGreaterThanOrEqual(1);
    expect(await db.instance.count({ where: { patientId: actor.patientId } })).toBe(4);
    expect(await db.intakeFile.count({ where: { batchId: batch.id } })).toBe(4);
    expect(await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } })).toMatchObject({ status: "RECEIVING" });
    expect(existsSync(join(uploadsDir(dataDir), upload.id))).toBe(false);
    expect(existsSync(join(uploadsDir(dataDir), `${upload.id}.json`))).toBe(false);
  });

  it("keeps a partial upload for the browser to resume, and removes one abandoned for a week", async () => {
    const actor = await patientActor();
    const [instance] = syntheticCtSeries({ patient: { name: "R^R", patientId: "1", birthDate: "19800101", sex: "M" }, study: { date: "20260101" }, slices: 1 });
    const batch = await openBatch(db, actor, actor.patientId, []);
    const metadata = { batchId: batch.id, filename: "IM1", kind: "file", owner: actor.userId };
    const recent = await tusUpload(instance!.bytes, metadata, { received: 1000 });
    const old = await tusUpload(instance!.bytes, metadata, { received: 1000, createdAt: new Date(Date.now() - UPLOAD_EXPIRY_MS - 60_000) });

    const report = await recoverUploads(db, store, dataDir);

    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(uploadsDir(dataDir), `${recent.upload.id}.json`))).toBe(true);
    expect((await recent.uploads.getUpload(recent.upload.id)).offset).toBe(1000);
    expect(existsSync(join(uploadsDir(dataDir), `${old.upload.id}.json`))).toBe(false);
  });

  it("closes a batch left open for a week: its study is listed with what is missing, not receiving forever", async () => {
    const actor = await patientActor();
    const series = syntheticCtSeries({ patient: { name: "R^R", patientId: "1", birthDate: "19800101", sex: "M" }, study: { date: "20260101" }, slices: 2, size: { rows: 32, columns: 32 } });
    const batch = await openBatch(db, actor, actor.patientId, series.map(({ studyInstanceUid, sopInstanceUid }) => ({ studyInstanceUid, sopInstanceUid })));
    const { uploads, upload } = await tusUpload(series[0]!.bytes, { batchId: batch.id, filename: "IM1", kind: "file", owner: actor.userId });
    await ingestUpload(db, store, await batchTarget(db, actor, batch.id), finishedUpload(uploads, upload), join(dataDir, "work"));

    await recoverUploads(db, store, dataDir, new Date(Date.now() + UPLOAD_EXPIRY_MS + 60_000));

    expect(await db.intakeBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "CLOSED" });
    expect(await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } })).toMatchObject({ status: "INCOMPLETE", missingInstances: [series[1]!.sopInstanceUid] });
  });
});
