import { randomUUID } from "node:crypto";
import { createWriteStream, existsSync, openAsBlob, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scanFiles } from "../../components/upload/scan/scan";
import { createPatientActor } from "../../scripts/test/patient-account";
import { holdFiles } from "../../scripts/test/hold-files";
import { dciodvfy, dcmdump, dcmftest, filesUnder, readFileSet, sha256Of, unpackZip } from "../../scripts/test/cd-check";
import type { UserActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { ForbiddenError } from "../errors";
import { batchTarget, closeBatch, openBatch } from "../ingest/batch";
import { ingestFile } from "../ingest/ingest-file";
import { ingestUpload } from "../ingest/upload";
import { LocalBlobStore } from "../storage/local-store";
import { S3BlobStore } from "../storage/s3-store";
import { downloadOffer } from "./offer";
import { downloadStudy, StudyNotDownloadableError } from "./study-download";

// Real files held the way an upload holds them, downloaded, and the zip read back by tools that are
// not Carrier's: unzip, pydicom's FileSet, dcmtk, dicom3tools, and Carrier's own upload scanner
// (which is what a patient would use to bring the zip back in).

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
if (!existsSync(PYDICOM)) throw new Error(`Real DICOM test data missing: install python3-pydicom (${PYDICOM})`);

const db = createPrismaClient(inject("databaseUrl"));
let root: string;
let store: LocalBlobStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "carrier-download-"));
  store = new LocalBlobStore(path.join(root, "storage"));
  await store.ensureRoot();
});
afterAll(async () => {
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

type Patient = UserActor & { patientId: string };

/** A synthetic CT study of two series, as files on disk. */
async function syntheticCtFiles(slices = 3): Promise<string[]> {
  const options = { patient: { name: "Doe^Lee", patientId: "MRN-DL", birthDate: "19610203", sex: "F" as const }, study: { date: "20260102", time: "101500", description: "CT CHEST", accessionNumber: "ACC1" }, slices, size: { rows: 64, columns: 64 } };
  const first = syntheticCtSeries({ ...options, series: { number: 1, description: "Axial" } });
  const second = syntheticCtSeries({ ...options, study: { ...options.study, studyInstanceUid: first[0]!.studyInstanceUid }, series: { number: 2, description: "Coronal" } });
  const folder = await mkdtemp(path.join(root, "ct-"));
  return Promise.all(
    [...first, ...second].map(async (instance, index) => {
      const file = path.join(folder, `IM${index}`);
      await writeFile(file, instance.bytes);
      return file;
    }),
  );
}

async function studyOf(patient: Patient, studyInstanceUid: string) {
  return db.study.findUniqueOrThrow({ where: { patientId_studyInstanceUid: { patientId: patient.patientId, studyInstanceUid } } });
}

/** Downloads a study into a zip file and unpacks it. */
async function download(actor: UserActor, studyId: string) {
  const { fileName, stream } = await downloadStudy(db, store, actor, studyId);
  const zip = path.join(root, `${randomUUID()}.zip`);
  await pipeline(Readable.fromWeb(stream as WebReadableStream<Uint8Array>), createWriteStream(zip));
  const { folder, test } = unpackZip(zip, root);
  return { fileName, zip, folder, test, files: filesUnder(folder) };
}

/** What the tools say about an unpacked download; each check's expectations live in the tests. */
function toolsOn(folder: string, files: readonly string[]) {
  const dicomFiles = files.filter((file) => file.startsWith("DICOM/"));
  return {
    fileSet: readFileSet(path.join(folder, "DICOMDIR")),
    dcmdump: dcmdump(path.join(folder, "DICOMDIR")),
    dcmftest: dcmftest(["DICOMDIR", ...dicomFiles].map((file) => path.join(folder, file))),
    dciodvfy: dciodvfy(path.join(folder, "DICOMDIR")),
  };
}

async function heldInstances(studyId: string) {
  return db.instance.findMany({ where: { series: { studyId } }, select: { sopInstanceUid: true, sha256: true, sopClassUid: true, transferSyntaxUid: true } });
}

describe("downloading a study", () => {
  it("streams the study as a CD-style zip whose DICOMDIR every tool reads and whose files are the held bytes", async () => {
    const patient = await createPatientActor(db);
    const files = await syntheticCtFiles(3);
    const results = await holdFiles(db, store, patient, files);
    const study = await studyOf(patient, results[0]!.studyInstanceUid!);
    const held = await heldInstances(study.id);

    const { fileName, test, folder, files: unpacked } = await download(patient, study.id);
    expect(fileName).toBe("study-2026-01-02-ct-chest.zip");
    expect(test).toContain("No errors detected");
    expect(unpacked.sort()).toEqual([
      "DICOM/P0000001/S0000001/S0000001/I0000001",
      "DICOM/P0000001/S0000001/S0000001/I0000002",
      "DICOM/P0000001/S0000001/S0000001/I0000003",
      "DICOM/P0000001/S0000001/S0000002/I0000001",
      "DICOM/P0000001/S0000001/S0000002/I0000002",
      "DICOM/P0000001/S0000001/S0000002/I0000003",
      "DICOMDIR",
      "README.TXT",
    ]);
    // Byte for byte what was held, which is byte for byte what was uploaded.
    const heldHashes = new Set(held.map((instance) => instance.sha256));
    expect(new Set(unpacked.filter((file) => file.startsWith("DICOM/")).map((file) => sha256Of(path.join(folder, file))))).toEqual(heldHashes);
    expect(new Set(files.map(sha256Of))).toEqual(heldHashes);

    const tools = toolsOn(folder, unpacked);
    expect(tools.dcmdump.status).toBe(0);
    expect(tools.dcmdump.stderr).toBe("");
    expect(tools.dcmdump.stdout).toContain("(0002,0002) UI =MediaStorageDirectoryStorage");
    expect(tools.dcmftest).toEqual(Array(7).fill("yes"));
    expect(tools.dciodvfy).toEqual({ errors: [], warnings: [] });
    expect(tools.fileSet).toHaveLength(6);
    for (const instance of tools.fileSet) {
      expect(instance.uidInFile).toBe(instance.sopInstanceUid);
      expect(instance.recordType).toBe("IMAGE");
      expect(instance.patient).toMatchObject({ PatientID: "MRN-DL", PatientName: "Doe^Lee" });
      expect(instance.study).toMatchObject({ StudyDate: "20260102", StudyTime: "101500", StudyID: "1", AccessionNumber: "ACC1", StudyDescription: "CT CHEST", StudyInstanceUID: study.studyInstanceUid });
      expect(instance.series).toMatchObject({ Modality: "CT" });
    }
    expect(tools.fileSet.map((instance) => [instance.fileId, instance.series.SeriesNumber, instance.leaf.InstanceNumber])).toEqual([
      ["DICOM\\P0000001\\S0000001\\S0000001\\I0000001", "1", "1"],
      ["DICOM\\P0000001\\S0000001\\S0000001\\I0000002", "1", "2"],
      ["DICOM\\P0000001\\S0000001\\S0000001\\I0000003", "1", "3"],
      ["DICOM\\P0000001\\S0000001\\S0000002\\I0000001", "2", "1"],
      ["DICOM\\P0000001\\S0000001\\S0000002\\I0000002", "2", "2"],
      ["DICOM\\P0000001\\S0000001\\S0000002\\I0000003", "2", "3"],
    ]);
    expect(new Set(tools.fileSet.map((instance) => instance.sopInstanceUid))).toEqual(new Set(held.map((instance) => instance.sopInstanceUid)));

    const readme = readFileSync(path.join(folder, "README.TXT"), "utf8");
    expect(readme).toContain("CT CHEST, January 2, 2026 (CT)");
    expect(readme).toContain("2 series, 6 images");
    expect(readme).toContain("THIS HOLDS HEALTH INFORMATION");
    expect(readme).not.toContain("MISSING");
  });

  it("is read back by Carrier's own upload scanner, as an unpacked CD and as the zip itself", async () => {
    const patient = await createPatientActor(db);
    const results = await holdFiles(db, store, patient, await syntheticCtFiles(2));
    const study = await studyOf(patient, results[0]!.studyInstanceUid!);
    const { zip, folder, files } = await download(patient, study.id);

    const picked = await Promise.all(files.map(async (file) => ({ file: new File([await openAsBlob(path.join(folder, file))], path.basename(file)), path: `CD/${file}` })));
    const fromFolder = await scanFiles(picked);
    expect(fromFolder.missing).toEqual([]);
    expect(fromFolder.studies).toEqual([expect.objectContaining({ studyInstanceUid: study.studyInstanceUid, seriesCount: 2, instanceCount: 4, patientName: "Doe^Lee" })]);
    expect(fromFolder.skipped.map((skip) => skip.path)).toEqual(["CD/README.TXT"]);

    const fromZip = await scanFiles([{ file: new File([await openAsBlob(zip)], "study.zip"), path: "study.zip" }]);
    expect(fromZip.unpreviewedZips).toEqual([]);
    expect(fromZip.studies).toEqual([expect.objectContaining({ studyInstanceUid: study.studyInstanceUid, instanceCount: 4 })]);
  });

  it("can be uploaded again, as the zip it is, and gives back the same images", async () => {
    const [owner, recipient] = [await createPatientActor(db), await createPatientActor(db)];
    const results = await holdFiles(db, store, owner, await syntheticCtFiles(2));
    const study = await studyOf(owner, results[0]!.studyInstanceUid!);
    const { zip } = await download(owner, study.id);

    const batch = await openBatch(db, recipient, recipient.patientId, []);
    const uploaded = await ingestUpload(db, store, await batchTarget(db, recipient, batch.id), { id: randomUUID(), path: zip, name: "study.zip", bytes: statSync(zip).size, isZip: true }, path.join(root, "work"));
    await closeBatch(db, recipient, batch.id);
    // The DICOMDIR is skipped as a CD's index; the README is not an image.
    expect(uploaded.map((result) => [result.entryName, result.outcome]).sort()).toEqual([
      ["DICOM/P0000001/S0000001/S0000001/I0000001", "STORED"],
      ["DICOM/P0000001/S0000001/S0000001/I0000002", "STORED"],
      ["DICOM/P0000001/S0000001/S0000002/I0000001", "STORED"],
      ["DICOM/P0000001/S0000001/S0000002/I0000002", "STORED"],
      ["README.TXT", "REJECTED"],
    ]);
    const copy = await studyOf(recipient, study.studyInstanceUid);
    expect(new Set((await heldInstances(copy.id)).map((instance) => instance.sha256))).toEqual(new Set((await heldInstances(study.id)).map((instance) => instance.sha256)));
  });

  it("streams from S3-compatible object storage as it does from a folder", async () => {
    const folder = await mkdtemp(path.join(root, "s3-"));
    const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: folder, configureBuckets: [{ name: "carrier-images" }] });
    const { port } = await server.run();
    const s3 = new S3BlobStore({ bucket: "carrier-images", region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
    try {
      const patient = await createPatientActor(db);
      const results = await holdFiles(db, s3, patient, await syntheticCtFiles(2));
      const study = await studyOf(patient, results[0]!.studyInstanceUid!);
      const { fileName, stream } = await downloadStudy(db, s3, patient, study.id);
      const zip = path.join(root, fileName);
      await pipeline(Readable.fromWeb(stream as WebReadableStream<Uint8Array>), createWriteStream(zip));
      const { folder: unpacked, test } = unpackZip(zip, root);
      expect(test).toContain("No errors detected");
      const listed = readFileSet(path.join(unpacked, "DICOMDIR"));
      expect(new Set(listed.map((instance) => sha256Of(path.join(unpacked, ...instance.fileId.split("\\")))))).toEqual(new Set((await heldInstances(study.id)).map((instance) => instance.sha256)));
      expect(listed).toHaveLength(4);
    } finally {
      s3.close();
      await server.close();
    }
  });

  it("gives each kind of real file its record: images, SR, RT dose, waveform, segmentation, deflated, big endian, names in other alphabets", async () => {
    const patient = await createPatientActor(db);
    const charsets = path.join(PYDICOM, "../charset_files");
    const kinds: { file: string; recordType: string; patientName?: string }[] = [
      { file: path.join(PYDICOM, "CT_small.dcm"), recordType: "IMAGE" },
      { file: path.join(PYDICOM, "MR_small_bigendian.dcm"), recordType: "IMAGE" },
      { file: path.join(PYDICOM, "image_dfl.dcm"), recordType: "IMAGE" },
      { file: path.join(PYDICOM, "J2K_pixelrep_mismatch.dcm"), recordType: "IMAGE" },
      { file: path.join(PYDICOM, "liver_1frame.dcm"), recordType: "IMAGE" },
      { file: path.join(PYDICOM, "693_J2KI.dcm"), recordType: "IMAGE" },
      { file: path.join(PYDICOM, "reportsi.dcm"), recordType: "SR DOCUMENT" },
      { file: path.join(PYDICOM, "test-SR.dcm"), recordType: "SR DOCUMENT" },
      { file: path.join(PYDICOM, "rtdose.dcm"), recordType: "RT DOSE" },
      { file: path.join(PYDICOM, "waveform_ecg.dcm"), recordType: "WAVEFORM" },
      { file: path.join(charsets, "chrFren.dcm"), recordType: "IMAGE", patientName: "Buc^Jérôme" },
      { file: path.join(charsets, "chrRuss.dcm"), recordType: "IMAGE", patientName: "Люкceмбypг" },
      { file: path.join(charsets, "chrGreek.dcm"), recordType: "IMAGE", patientName: "Διονυσιος" },
      { file: path.join(charsets, "chrX1.dcm"), recordType: "IMAGE", patientName: "Wang^XiaoDong=王^小東" },
      { file: path.join(charsets, "chrX2.dcm"), recordType: "IMAGE", patientName: "Wang^XiaoDong=王^小东" },
      // ISO 2022 code extensions: several character sets in one value, switched by escape sequences.
      { file: path.join(charsets, "chrH31.dcm"), recordType: "IMAGE", patientName: "Yamada^Tarou=山田^太郎=やまだ^たろう" },
      { file: path.join(charsets, "chrH32.dcm"), recordType: "IMAGE", patientName: "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう" },
      { file: path.join(charsets, "chrI2.dcm"), recordType: "IMAGE", patientName: "Hong^Gildong=洪^吉洞=홍^길동" },
    ];
    const results = await holdFiles(db, store, patient, kinds.map((kind) => kind.file));
    expect(results.map((result) => result.outcome)).toEqual(kinds.map(() => "STORED"));

    for (const [index, { file, recordType, patientName }] of kinds.entries()) {
      const name = path.basename(file);
      const study = await studyOf(patient, results[index]!.studyInstanceUid!);
      const { folder, test, files } = await download(patient, study.id);
      expect(test, name).toContain("No errors detected");
      const [held] = await heldInstances(study.id);
      expect(sha256Of(path.join(folder, "DICOM/P0000001/S0000001/S0000001/I0000001")), name).toBe(held!.sha256);
      expect(sha256Of(file), name).toBe(held!.sha256);

      const tools = toolsOn(folder, files);
      expect(tools.dcmdump.status, name).toBe(0);
      expect(tools.dcmftest, name).toEqual(["yes", "yes"]);
      // Warnings remain about what the files themselves hold (old-style names, private coding schemes).
      expect(tools.dciodvfy.errors, name).toEqual([]);
      expect(tools.fileSet, name).toHaveLength(1);
      const [listed] = tools.fileSet;
      expect(listed, name).toMatchObject({ recordType, sopInstanceUid: held!.sopInstanceUid, uidInFile: held!.sopInstanceUid, sopClassUid: held!.sopClassUid, transferSyntaxUid: held!.transferSyntaxUid });
      if (patientName) expect(listed!.patient.PatientName, name).toBe(patientName);
      // Type 1 keys hold values even where the file left them empty.
      for (const [level, keyword] of [["patient", "PatientID"], ["study", "StudyDate"], ["study", "StudyTime"], ["study", "StudyID"], ["series", "Modality"], ["series", "SeriesNumber"], ["leaf", "InstanceNumber"]] as const) {
        expect(listed![level][keyword], `${name}: ${keyword}`).toMatch(/\S/);
      }
    }
  });

  it("downloads what an incomplete study holds and says in the README what is missing", async () => {
    const patient = await createPatientActor(db);
    const series = syntheticCtSeries({ patient: { name: "Doe^Lee", patientId: "MRN-DL", birthDate: "19610203", sex: "F" }, study: { date: "20260102", description: "CT HEAD" }, slices: 3, size: { rows: 64, columns: 64 } });
    const batch = await openBatch(db, patient, patient.patientId, series.map(({ studyInstanceUid, sopInstanceUid }) => ({ studyInstanceUid, sopInstanceUid })));
    const target = await batchTarget(db, patient, batch.id);
    for (const instance of series.slice(0, 2)) {
      const file = path.join(root, randomUUID());
      await writeFile(file, instance.bytes);
      await ingestFile(db, store, target, { uploadId: randomUUID(), entryName: "", name: "IM", path: file });
    }
    await closeBatch(db, patient, batch.id);
    const study = await studyOf(patient, series[0]!.studyInstanceUid);
    expect(study.status).toBe("INCOMPLETE");

    const { folder, files } = await download(patient, study.id);
    expect(readFileSet(path.join(folder, "DICOMDIR")).map((instance) => instance.sopInstanceUid)).toEqual(series.slice(0, 2).map((instance) => instance.sopInstanceUid));
    expect(files.filter((file) => file.startsWith("DICOM/"))).toHaveLength(2);
    const readme = readFileSync(path.join(folder, "README.TXT"), "utf8");
    expect(readme).toContain("SOME IMAGES ARE MISSING");
    expect(readme).toContain(`1 image listed`);
    expect(readme).toContain(series[2]!.sopInstanceUid);
  });

  it("does not offer a study that is still arriving", async () => {
    const patient = await createPatientActor(db);
    const [instance] = syntheticCtSeries({ patient: { name: "Doe^Lee", patientId: "MRN-DL", birthDate: "19610203", sex: "F" }, study: { date: "20260102" }, slices: 1, size: { rows: 64, columns: 64 } });
    const batch = await openBatch(db, patient, patient.patientId, []);
    const file = path.join(root, randomUUID());
    await writeFile(file, instance!.bytes);
    await ingestFile(db, store, await batchTarget(db, patient, batch.id), { uploadId: randomUUID(), entryName: "", name: "IM", path: file });
    const study = await studyOf(patient, instance!.studyInstanceUid);
    expect(study.status).toBe("RECEIVING");
    await expect(downloadStudy(db, store, patient, study.id)).rejects.toBeInstanceOf(StudyNotDownloadableError);
    expect(await downloadOffer(db, patient, study)).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "study.download", studyIds: { has: study.id } } })).toBe(0);
  });

  it("refuses another patient's study and malformed or unknown ids alike, before any byte, and audits the download it allows", async () => {
    const [owner, stranger] = [await createPatientActor(db), await createPatientActor(db)];
    const results = await holdFiles(db, store, owner, [path.join(PYDICOM, "CT_small.dcm")]);
    const study = await studyOf(owner, results[0]!.studyInstanceUid!);

    for (const [actor, studyId] of [[stranger, study.id], [owner, "not-a-study"], [owner, "../../etc/passwd"], [owner, ""], [owner, randomUUID()]] as const) {
      await expect(downloadStudy(db, store, actor, studyId), studyId).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.auditEvent.count({ where: { action: "study.download", patientId: owner.patientId } })).toBe(0);

    expect(await downloadOffer(db, stranger, study)).toBeNull();
    expect(await downloadOffer(db, owner, study)).toEqual({ href: `/api/studies/${study.id}/download`, bytes: 39206n });
    await download(owner, study.id);
    const events = await db.auditEvent.findMany({ where: { action: "study.download", patientId: owner.patientId } });
    expect(events).toEqual([expect.objectContaining({ actorUserId: owner.userId, studyIds: [study.id], channel: "web", outcome: "SUCCESS", detail: { instances: 1, bytes: 39206 } })]);
  });

  it("closes the file being read when the download is abandoned halfway", async () => {
    const patient = await createPatientActor(db);
    const results = await holdFiles(db, store, patient, await syntheticCtFiles(3));
    const study = await studyOf(patient, results[0]!.studyInstanceUid!);
    const opened: { destroyed: boolean }[] = [];
    const watching = Object.create(store) as LocalBlobStore;
    watching.get = async (key) => {
      const stream = await store.get(key);
      opened.push(stream);
      return stream;
    };
    const { stream } = await downloadStudy(db, watching, patient, study.id);
    let received = 0;
    for await (const chunk of stream as WebReadableStream<Uint8Array>) {
      received += chunk.length;
      if (opened.length >= 2) break;
    }
    expect(received).toBeGreaterThan(0);
    expect(opened).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened.every((file) => file.destroyed)).toBe(true);
  });
});
