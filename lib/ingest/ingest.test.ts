import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { buffer } from "node:stream/consumers";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ApiKeyActor, UserActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { createPatientActor } from "../../scripts/test/patient-account";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { ForbiddenError, InvalidInputError } from "../errors";
import { LocalBlobStore } from "../storage/local-store";
import { seriesThumbnail } from "../studies/thumbnail";
import { batchTarget, closeBatch, openBatch } from "./batch";
import { ingestUpload } from "./upload";

// Ingest against the real database and a real blob folder, with generated CTs and the real
// (and really broken) files of Debian's python3-pydicom.

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
if (!existsSync(PYDICOM)) throw new Error(`Real DICOM test data missing: install python3-pydicom (${PYDICOM})`);

const db = createPrismaClient(inject("databaseUrl"));
let root: string;
let store: LocalBlobStore;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "carrier-ingest-"));
  store = new LocalBlobStore(join(root, "storage"));
  await store.ensureRoot();
});
afterAll(async () => {
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

const unique = () => randomBytes(5).toString("hex");

const patientActor = () => createPatientActor(db);

/** Writes bytes as a finished upload would be on disk, and ingests it. */
async function send(actor: UserActor, batchId: string, name: string, bytes: Uint8Array, options: { id?: string; isZip?: boolean } = {}) {
  const id = options.id ?? unique();
  const path = join(root, `upload-${id}`);
  await writeFile(path, bytes);
  const target = await batchTarget(db, actor, batchId);
  const results = await ingestUpload(db, store, target, { id, path, name, bytes: bytes.length, isZip: options.isZip ?? false }, join(root, "work"), { maxEntries: 50, maxTotalBytes: 64 * 1024 * 1024, maxRatio: 200 });
  return { id, results };
}

async function sendFile(actor: UserActor, batchId: string, path: string) {
  return send(actor, batchId, path.split("/").pop()!, await readFile(path));
}

const ct = (slices = 3, seed = unique()) =>
  syntheticCtSeries({ patient: { name: "Doe^Lee", patientId: "MRN1", birthDate: "19610203", sex: "F" }, study: { date: "20260102", description: "CT CHEST" }, slices, size: { rows: 64, columns: 64 }, seed });

describe("ingest", () => {
  it("files a series under its study, keeps it receiving until the batch closes, then complete and audited", async () => {
    const actor = await patientActor();
    const series = ct(3);
    const batch = await openBatch(db, actor, actor.patientId, series.map(({ studyInstanceUid, sopInstanceUid }) => ({ studyInstanceUid, sopInstanceUid })));
    for (const instance of series) {
      const { results } = await send(actor, batch.id, `IM${instance.instanceNumber}`, instance.bytes);
      expect(results).toEqual([expect.objectContaining({ outcome: "STORED", studyInstanceUid: instance.studyInstanceUid })]);
    }
    const receiving = await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } });
    expect(receiving).toMatchObject({ status: "RECEIVING", description: "CT CHEST", dicomPatientName: "Doe^Lee" });
    expect(await db.instance.count({ where: { patientId: actor.patientId } })).toBe(3);

    expect(await closeBatch(db, actor, batch.id)).toEqual([{ studyId: receiving.id, status: "COMPLETE", missing: [] }]);
    const complete = await db.study.findUniqueOrThrow({ where: { id: receiving.id }, include: { series: true } });
    expect(complete).toMatchObject({ status: "COMPLETE", numberOfInstances: 3, numberOfSeries: 1, modalities: ["CT"] });
    expect(complete.totalBytes).toBe(BigInt(series.reduce((sum, instance) => sum + instance.bytes.length, 0)));
    expect(complete.series[0]).toMatchObject({ numberOfInstances: 3 });
    const audit = await db.auditEvent.findMany({ where: { patientId: actor.patientId, action: "study.upload" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ studyIds: [receiving.id], detail: expect.objectContaining({ stored: 3, missing: 0 }) as unknown });
    // Closing again (another tab, a retry) changes nothing and is not audited twice.
    expect(await closeBatch(db, actor, batch.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { patientId: actor.patientId, action: "study.upload" } })).toBe(1);
  });

  it("stores the bytes under their SHA-256, byte for byte", async () => {
    const actor = await patientActor();
    const [instance] = ct(1);
    const batch = await openBatch(db, actor, actor.patientId, []);
    await send(actor, batch.id, "IM1", instance!.bytes);
    const stored = await db.instance.findFirstOrThrow({ where: { patientId: actor.patientId } });
    expect(new Uint8Array(await buffer(await store.get(stored.storageKey)))).toEqual(instance!.bytes);
    expect(stored.storageKey).toContain(stored.sha256);

    // Its series' thumbnail is drawn for its owner (and kept), and refused to anyone else.
    const series = await db.series.findUniqueOrThrow({ where: { id: stored.seriesId } });
    const thumbnail = await seriesThumbnail(db, store, actor, series.studyId, series.id);
    expect([...thumbnail!.body.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(await store.exists(`thumbnails/${stored.sha256.slice(0, 2)}/${stored.sha256}.png`)).toBe(true);
    await expect(seriesThumbnail(db, store, await patientActor(), series.studyId, series.id)).rejects.toThrow(ForbiddenError);
  });

  it("is idempotent: the same upload again gives the same outcome and changes nothing", async () => {
    const actor = await patientActor();
    const [instance] = ct(1);
    const batch = await openBatch(db, actor, actor.patientId, []);
    const first = await send(actor, batch.id, "IM1", instance!.bytes);
    const again = await send(actor, batch.id, "IM1", instance!.bytes, { id: first.id });
    expect(again.results).toEqual(first.results);
    expect(await db.instance.count({ where: { patientId: actor.patientId } })).toBe(1);
    expect(await db.intakeFile.count({ where: { batchId: batch.id } })).toBe(1);
  });

  it("the same image sent again is a no-op; different bytes under a held UID keep the first and report a conflict", async () => {
    const actor = await patientActor();
    const [instance] = ct(1);
    const batch = await openBatch(db, actor, actor.patientId, []);
    await send(actor, batch.id, "first.dcm", instance!.bytes);
    const held = await db.instance.findFirstOrThrow({ where: { patientId: actor.patientId } });

    const duplicate = await send(actor, batch.id, "copy.dcm", instance!.bytes);
    expect(duplicate.results[0]).toMatchObject({ outcome: "DUPLICATE", message: expect.stringContaining("Already in your account") as unknown });

    const altered = new Uint8Array(instance!.bytes);
    altered[altered.length - 1] = altered.at(-1)! ^ 0xff;
    const conflict = await send(actor, batch.id, "altered.dcm", altered);
    expect(conflict.results[0]).toMatchObject({ outcome: "CONFLICT", code: "conflict", message: expect.stringContaining("The first one was kept") as unknown });

    const after = await db.instance.findMany({ where: { patientId: actor.patientId } });
    expect(after).toEqual([held]);
    await closeBatch(db, actor, batch.id);
    expect(await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } })).toMatchObject({ numberOfInstances: 1 });
  });

  it("another account's copy of the same study never collides with this one", async () => {
    const [alice, bea] = await Promise.all([patientActor(), patientActor()]);
    const series = ct(2);
    for (const actor of [alice, bea]) {
      const batch = await openBatch(db, actor, actor.patientId, []);
      for (const instance of series) {
        expect((await send(actor, batch.id, "IM", instance.bytes)).results[0]!.outcome).toBe("STORED");
      }
      await closeBatch(db, actor, batch.id);
    }
    for (const actor of [alice, bea]) {
      expect(await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } })).toMatchObject({ numberOfInstances: 2 });
    }
  });

  it("lists the instances the browser found that never arrived, and calls the study incomplete", async () => {
    const actor = await patientActor();
    const series = ct(3);
    const batch = await openBatch(db, actor, actor.patientId, series.map(({ studyInstanceUid, sopInstanceUid }) => ({ studyInstanceUid, sopInstanceUid })));
    await send(actor, batch.id, "IM1", series[0]!.bytes);
    const [closed] = await closeBatch(db, actor, batch.id);
    expect(closed).toMatchObject({ status: "INCOMPLETE", missing: [series[1]!.sopInstanceUid, series[2]!.sopInstanceUid] });
    expect(await db.study.findFirstOrThrow({ where: { patientId: actor.patientId } })).toMatchObject({ status: "INCOMPLETE", missingInstances: closed!.missing });
  });

  it.each([
    ["no_meta.dcm", "no_meta"],
    ["MR_truncated.dcm", "truncated"],
    ["rtplan_truncated.dcm", "truncated"],
    ["meta_missing_tsyntax.dcm", "no_meta"],
    ["README.txt", "not_dicom"],
  ])("refuses pydicom's %s (%s) with words for the patient, and stores nothing", async (name, code) => {
    const actor = await patientActor();
    const batch = await openBatch(db, actor, actor.patientId, []);
    const { results } = await sendFile(actor, batch.id, join(PYDICOM, name));
    expect(results).toEqual([expect.objectContaining({ outcome: "REJECTED", code, message: expect.stringMatching(/\w+ \w+ \w+/) as unknown })]);
    expect(await db.instance.count({ where: { patientId: actor.patientId } })).toBe(0);
  });

  it("refuses absurd declared lengths and unknown VRs, and takes pydicom's badVR.dcm, whose odd values dcmtk and pydicom read too", async () => {
    const actor = await patientActor();
    const batch = await openBatch(db, actor, actor.patientId, []);
    const [instance] = ct(1);
    const original = Buffer.from(instance!.bytes);
    const patched = (offsetFromTag: number, tagBytes: number[], write: (copy: Buffer, at: number) => void) => {
      const copy = Buffer.from(original);
      write(copy, copy.indexOf(Buffer.from(tagBytes)) + offsetFromTag);
      return copy;
    };
    // Pixel Data (7FE0,0010) OW declaring 4 GB; Study Description (0008,1030) LO declaring 65,520 bytes; its VR made "ZZ".
    const pixelLength = patched(8, [0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57], (copy, at) => copy.writeUInt32LE(0xfffffff0, at));
    const textLength = patched(6, [0x08, 0x00, 0x30, 0x10], (copy, at) => copy.writeUInt16LE(0xfff0, at));
    const unknownVr = patched(4, [0x08, 0x00, 0x30, 0x10], (copy, at) => copy.write("ZZ", at, "latin1"));
    const outcome = async (name: string, bytes: Uint8Array) => (await send(actor, batch.id, name, bytes)).results[0]!;
    expect(await outcome("pixels.dcm", pixelLength)).toMatchObject({ outcome: "REJECTED", code: "truncated", message: expect.stringContaining("its image ends early") as unknown });
    expect(await outcome("text.dcm", textLength)).toMatchObject({ outcome: "REJECTED", code: "truncated" });
    expect(await outcome("vr.dcm", unknownVr)).toMatchObject({ outcome: "REJECTED", code: "malformed", message: expect.stringContaining("damaged") as unknown });
    expect((await sendFile(actor, batch.id, join(PYDICOM, "badVR.dcm"))).results[0]).toMatchObject({ outcome: "STORED" });
  });

  it("refuses a 0-byte file", async () => {
    const actor = await patientActor();
    const batch = await openBatch(db, actor, actor.patientId, []);
    const { results } = await send(actor, batch.id, "EMPTY", new Uint8Array(0));
    expect(results[0]).toMatchObject({ outcome: "REJECTED", code: "not_dicom", message: expect.stringContaining("empty") as unknown });
  });

  it("files pydicom's real images in their transfer syntaxes; the same MR re-encoded is a conflict, not a second copy", async () => {
    const actor = await patientActor();
    const batch = await openBatch(db, actor, actor.patientId, []);
    const outcomes: Record<string, string> = {};
    for (const name of ["CT_small.dcm", "MR_small_RLE.dcm", "MR_small_jp2klossless.dcm", "MR_small_bigendian.dcm", "image_dfl.dcm", "JPEG2000.dcm"]) {
      outcomes[name] = (await sendFile(actor, batch.id, join(PYDICOM, name))).results[0]!.outcome;
    }
    expect(outcomes).toEqual({
      "CT_small.dcm": "STORED",
      "MR_small_RLE.dcm": "STORED",
      // Same SOP Instance UID as MR_small_RLE.dcm, other bytes: the first copy is kept.
      "MR_small_jp2klossless.dcm": "CONFLICT",
      "MR_small_bigendian.dcm": "CONFLICT",
      "image_dfl.dcm": "STORED",
      "JPEG2000.dcm": "STORED",
    });
  });
});

describe("zip uploads", () => {
  /** A zip made by Info-ZIP: deflated, or `stored` as the files are (read into memory when small). */
  async function zipOf(entries: Record<string, Uint8Array>, options: { stored?: boolean } = {}) {
    const folder = await mkdtemp(join(root, "zip-"));
    for (const [name, bytes] of Object.entries(entries)) {
      await mkdir(join(folder, name, ".."), { recursive: true });
      await writeFile(join(folder, name), bytes);
    }
    execFileSync("zip", [options.stored ? "-qr0" : "-qr", `${folder}.zip`, "."], { cwd: folder });
    return readFile(`${folder}.zip`);
  }

  it("unpacks a zip (a CD's folders inside) and files each image", async () => {
    const actor = await patientActor();
    const series = ct(3);
    const batch = await openBatch(db, actor, actor.patientId, []);
    const zip = await zipOf(Object.fromEntries(series.map((instance) => [`DICOM/S1/IM${instance.instanceNumber}`, instance.bytes])));
    const { results } = await send(actor, batch.id, "cd.zip", zip, { isZip: true });
    expect(results.map((result) => [result.entryName, result.outcome]).sort()).toEqual([
      ["DICOM/S1/IM1", "STORED"],
      ["DICOM/S1/IM2", "STORED"],
      ["DICOM/S1/IM3", "STORED"],
    ]);
  });

  it("refuses an entry that is a zip bomb and a file that is not an image, and keeps the good one", async () => {
    const actor = await patientActor();
    const [good] = ct(1);
    const batch = await openBatch(db, actor, actor.patientId, []);
    // 20 MB of zeros packs into about 20 KB: a thousand to one.
    const zip = await zipOf({ "good.dcm": good!.bytes, "bomb.dcm": new Uint8Array(20 * 1024 * 1024), "viewer/readme.txt": new TextEncoder().encode("Open viewer.exe") });
    const { results } = await send(actor, batch.id, "mixed.zip", zip, { isZip: true });
    expect(Object.fromEntries(results.map((result) => [result.entryName, result.code ?? result.outcome]))).toEqual({
      "good.dcm": "STORED",
      "bomb.dcm": "zip_bomb",
      "viewer/readme.txt": "not_dicom",
    });
  });

  it("refuses a zip-slip entry by name", async () => {
    const actor = await patientActor();
    const batch = await openBatch(db, actor, actor.patientId, []);
    const folder = await mkdtemp(join(root, "slip-"));
    await mkdir(join(folder, "a"));
    await writeFile(join(folder, "evil.dcm"), "x");
    execFileSync("zip", ["-q", "../slip.zip", "../evil.dcm"], { cwd: join(folder, "a") });
    const { results } = await send(actor, batch.id, "slip.zip", await readFile(join(folder, "slip.zip")), { isZip: true });
    expect(results).toEqual([expect.objectContaining({ entryName: "../evil.dcm", outcome: "REJECTED", code: "zip_unsafe_path" })]);
    expect(existsSync(join(root, "evil.dcm"))).toBe(false);
  });

  for (const stored of [false, true]) {
    it(`a damaged entry spoils only itself (${stored ? "stored" : "deflated"})`, async () => {
      const actor = await patientActor();
      const [first, second] = ct(2);
      const batch = await openBatch(db, actor, actor.patientId, []);
      const zip = await zipOf({ "a.dcm": first!.bytes, "b.dcm": second!.bytes }, { stored });
      // Flip a byte inside b.dcm's data: its CRC no longer matches.
      const bStart = zip.indexOf("b.dcm") + "b.dcm".length + 200;
      zip[bStart] = zip[bStart]! ^ 0xff;
      const { results } = await send(actor, batch.id, "damaged.zip", zip, { isZip: true });
      expect(Object.fromEntries(results.map((result) => [result.entryName, result.code ?? result.outcome]))).toEqual({ "a.dcm": "STORED", "b.dcm": "zip_entry_damaged" });
      const held = await db.instance.findFirstOrThrow({ where: { patientId: actor.patientId }, select: { storageKey: true, sha256: true } });
      expect(held.sha256).toBe(createHash("sha256").update(first!.bytes).digest("hex"));
      expect(Buffer.compare(await buffer(await store.get(held.storageKey)), Buffer.from(first!.bytes))).toBe(0);
    });
  }

  it("refuses a zip with more entries than the limit, and a file that is not a zip", async () => {
    const actor = await patientActor();
    const batch = await openBatch(db, actor, actor.patientId, []);
    const many = await zipOf(Object.fromEntries(Array.from({ length: 60 }, (_, index) => [`f${index}`, new Uint8Array([index])])));
    expect((await send(actor, batch.id, "many.zip", many, { isZip: true })).results).toEqual([expect.objectContaining({ outcome: "REJECTED", code: "zip_too_many_entries" })]);
    const notZip = await send(actor, batch.id, "fake.zip", new TextEncoder().encode("not a zip at all"), { isZip: true });
    expect(notZip.results).toEqual([expect.objectContaining({ outcome: "REJECTED", code: "not_zip" })]);
  });
});

describe("intake batches", () => {
  it("only the uploader may send into a batch, only while it is open", async () => {
    const [alice, bea] = await Promise.all([patientActor(), patientActor()]);
    const batch = await openBatch(db, alice, alice.patientId, []);
    await expect(batchTarget(db, bea, batch.id)).rejects.toThrow(ForbiddenError);
    await expect(batchTarget(db, bea, "not-a-uuid")).rejects.toThrow(ForbiddenError);
    await expect(openBatch(db, alice, bea.patientId, [])).rejects.toThrow(ForbiddenError);
    await closeBatch(db, alice, batch.id);
    await expect(batchTarget(db, alice, batch.id)).rejects.toThrow(InvalidInputError);
  });

  it("refuses an imaging system's API key, even one that may store for the patient's organization", async () => {
    const alice = await patientActor();
    const organization = await db.organization.create({ data: { name: "Batch Hospital" } });
    await db.patientIdentifier.create({ data: { patientId: alice.patientId, organizationId: organization.id, system: "MRN", value: randomBytes(4).toString("hex") } });
    const batch = await openBatch(db, alice, alice.patientId, []);
    // Systems store through STOW-RS; an upload page's batch belongs to the person who opened it.
    const pacs: ApiKeyActor = { kind: "api-key", apiKeyId: crypto.randomUUID(), organizationId: organization.id, scopes: ["write"], displayName: "PACS (Batch Hospital)", client: {} };
    await expect(batchTarget(db, pacs, batch.id)).rejects.toThrow(ForbiddenError);
  });

  it("has exactly one sender, a person or a system's key (the database refuses anything else)", async () => {
    const alice = await patientActor();
    await expect(db.intakeBatch.create({ data: { patientId: alice.patientId } })).rejects.toThrow(/exactly one sender/);
  });

  it("refuses a manifest with malformed UIDs", async () => {
    const actor = await patientActor();
    await expect(openBatch(db, actor, actor.patientId, [{ studyInstanceUid: "1.2.3", sopInstanceUid: "'; DROP TABLE" }])).rejects.toThrow(InvalidInputError);
  });
});

