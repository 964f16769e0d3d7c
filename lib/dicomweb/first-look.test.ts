import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadStudyCatalog } from "@/components/viewer/dicomweb/study-catalog";
import type { UserActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { randomDicomUid } from "../dicom/uid";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { holdFiles } from "../../scripts/test/hold-files";
import { createPatientActor } from "../../scripts/test/patient-account";
import { LocalBlobStore } from "../storage/local-store";
import { firstLook, firstPicture } from "./first-look";
import type { DicomWebContext } from "./service";

// The viewer page's answers, asked in-process on the browser's behalf: the same as the browser
// would get, for the same actor, with the same audit; nothing for anyone else.

const MOUNT = "/api/dicomweb";
const db = createPrismaClient(inject("databaseUrl"));
const studyInstanceUid = randomDicomUid();
let root: string;
let context: DicomWebContext;
let patient: UserActor & { patientId: string };
const series = { first: randomDicomUid(), second: randomDicomUid() };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "carrier-first-look-"));
  const store = new LocalBlobStore(join(root, "storage"));
  await store.ensureRoot();
  context = { db, store, baseUrl: `http://carrier.test${MOUNT}`, workDir: join(root, "work") };
  patient = await createPatientActor(db);
  // Series 2 is written first: the viewer opens by series number, not by arrival.
  const files: string[] = [];
  for (const [number, seriesInstanceUid, slices] of [[2, series.second, 2], [1, series.first, 3]] as const) {
    for (const instance of syntheticCtSeries({ patient: { name: "Doe^Jo", patientId: "FL1", birthDate: "19700101", sex: "F" }, study: { studyInstanceUid, date: "20260101" }, series: { number, seriesInstanceUid }, slices, size: { rows: 16, columns: 16 } })) {
      const file = join(root, `${instance.sopInstanceUid}.dcm`);
      await writeFile(file, instance.bytes);
      files.push(file);
    }
  }
  expect((await holdFiles(db, store, patient, files)).every((result) => result.outcome === "STORED")).toBe(true);
});
afterAll(async () => {
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

describe("a viewer page's first look", () => {
  it("brings the study, its series and the opening series' metadata, and audits the look as the browser's own would be", async () => {
    const before = await db.auditEvent.count({ where: { patientId: patient.patientId, action: "study.view" } });
    const look = firstLook(patient, MOUNT, studyInstanceUid, undefined, context);
    const catalog = await loadStudyCatalog(MOUNT, studyInstanceUid, undefined, look);
    expect(catalog.series.map((summary) => summary.seriesInstanceUid)).toEqual([series.first, series.second]);

    const metadata = await look.firstSeries;
    expect(metadata).toMatchObject({ url: `${MOUNT}/studies/${studyInstanceUid}/series/${series.first}/metadata`, status: 200 });
    expect(metadata!.body).toHaveLength(3);
    expect(metadata!.body![0]!["0020000E"]?.Value).toEqual([series.first]);
    expect(await db.auditEvent.count({ where: { patientId: patient.patientId, action: "study.view" } })).toBeGreaterThan(before);
  });

  it("names the opening image for the server to draw: the opening series' lowest instance number", async () => {
    const look = firstLook(patient, MOUNT, studyInstanceUid, undefined, context);
    const picture = await firstPicture(look, patient, MOUNT, studyInstanceUid, undefined, context);
    const first = await db.instance.findFirstOrThrow({ where: { patientId: patient.patientId, series: { seriesInstanceUid: series.first } }, orderBy: { instanceNumber: "asc" } });
    expect(first.instanceNumber).toBe(1);
    expect(picture).toEqual({
      seriesInstanceUid: series.first,
      sopInstanceUid: first.sopInstanceUid,
      url: `${MOUNT}/studies/${studyInstanceUid}/series/${series.first}/instances/${first.sopInstanceUid}/frames/1/rendered`,
    });
  });

  it("opens on the series asked for, when the study has it", async () => {
    const look = firstLook(patient, MOUNT, studyInstanceUid, series.second, context);
    expect((await look.firstSeries)?.url).toBe(`${MOUNT}/studies/${studyInstanceUid}/series/${series.second}/metadata`);
    expect((await look.firstSeries)?.body).toHaveLength(2);
  });

  it("brings another patient nothing: the same answers as a study that does not exist", async () => {
    const stranger = await createPatientActor(db);
    const look = firstLook(stranger, MOUNT, studyInstanceUid, undefined, context);
    const nowhere = firstLook(stranger, MOUNT, randomDicomUid(), undefined, context);
    for (const answer of ["study", "series"] as const) {
      expect((await look[answer])?.status).toBe((await nowhere[answer])?.status);
      expect((await look[answer])?.body).toBeUndefined();
    }
    expect(await look.firstSeries).toBeNull();
    expect(await firstPicture(look, stranger, MOUNT, studyInstanceUid, undefined, context)).toBeNull();
    await expect(loadStudyCatalog(MOUNT, studyInstanceUid, undefined, look)).rejects.toThrow("This study is not available to you, or it no longer exists.");
    expect(await db.auditEvent.count({ where: { patientId: patient.patientId, actorUserId: stranger.userId } })).toBe(0);
  });
});
