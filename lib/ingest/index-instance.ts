import { randomUUID } from "node:crypto";
import type { IntakeSource } from "../db/generated/enums";
import type { Database } from "../db/prisma";
import type { Part10Header } from "../dicom/part10-header";
import { dicomDate, text } from "./dicom-values";

// Files an instance under its patient, study and series with a few single statements and no
// long transaction: instances of one study arrive in parallel, and a lock held per instance would
// queue them all. The unique keys decide races: the first row wins, later ones do nothing. The
// study's and series' totals are settled when the intake batch closes (study-totals.ts); until
// then the study is RECEIVING, never shown as complete.

/** Whose holdings an instance joins, and how it came in. */
export type IntakeTarget = {
  batchId: string;
  patientId: string;
  uploadedById: string | null;
  source: IntakeSource;
};

export type StoredInstance = { header: Part10Header; storageKey: string; sha256: string; bytes: number };

export type IndexOutcome = "STORED" | "DUPLICATE" | "CONFLICT";

/** Which file of which upload this is; its IntakeFile row records the outcome. */
export type IntakeFileRef = { uploadId: string; entryName: string; name: string };

export const OUTCOME_MESSAGES = {
  DUPLICATE: "Already in your account: this image was uploaded before, so nothing changed.",
  CONFLICT: "Your account already holds a different image with the same DICOM identifier (SOP Instance UID). The first one was kept and this one was not stored. The imaging department can tell which is right.",
} as const;

/** The code and sentence an outcome is recorded and shown with (a stored image needs neither). */
export function outcomeWords(outcome: IndexOutcome): { code: string | null; message: string | null } {
  return { code: outcome === "CONFLICT" ? "conflict" : null, message: outcome === "STORED" ? null : OUTCOME_MESSAGES[outcome] };
}

/** The IntakeFile row for an instance that was read but not stored: already held, or in conflict. */
export function heldFileRow(target: IntakeTarget, file: IntakeFileRef, instance: Omit<StoredInstance, "storageKey">, outcome: Exclude<IndexOutcome, "STORED">) {
  return {
    batchId: target.batchId,
    ...file,
    bytes: instance.bytes,
    outcome,
    ...outcomeWords(outcome),
    sopInstanceUid: instance.header.sopInstanceUid,
    studyInstanceUid: instance.header.studyInstanceUid,
  };
}

/** What the patient already holds under a SOP Instance UID (null: nothing). */
export async function heldInstance(db: Database, patientId: string, sopInstanceUid: string): Promise<{ sha256: string } | null> {
  return db.instance.findUnique({ where: { patientId_sopInstanceUid: { patientId, sopInstanceUid } }, select: { sha256: true } });
}

export function sameOrConflict(held: { sha256: string }, sha256: string): Exclude<IndexOutcome, "STORED"> {
  return held.sha256 === sha256 ? "DUPLICATE" : "CONFLICT";
}

/**
 * Study and series ids already looked up while ingesting one upload: most files of an upload
 * belong to a handful of series, so each is created or found once. Holds promises, so parallel
 * files of one new series wait for the same lookup. `held` is what the patient held of each study
 * when the upload's first file of it was read (SOP Instance UID to SHA-256).
 */
export type IndexCache = { studies: Map<string, Promise<string>>; series: Map<string, Promise<string>>; held: Map<string, Promise<Map<string, string>>> };

export function newIndexCache(): IndexCache {
  return { studies: new Map(), series: new Map(), held: new Map() };
}

/**
 * What the patient holds under a SOP Instance UID, from one look at the study per upload instead
 * of a query per file. An instance filed meanwhile by another upload, or held under another of
 * the patient's studies, is missed here: the index's unique key still gives it its right outcome
 * (indexInstance), and only its bytes are written again (under their own key).
 */
export async function heldInStudy(db: Database, cache: IndexCache, patientId: string, header: Part10Header): Promise<{ sha256: string } | null> {
  const study = cached(cache.held, header.studyInstanceUid, async () => {
    const rows = await db.$queryRaw<{ sopInstanceUid: string; sha256: string }[]>`
      SELECT i."sopInstanceUid", i.sha256 FROM "Instance" i
      JOIN "Series" se ON se.id = i."seriesId" JOIN "Study" st ON st.id = se."studyId"
      WHERE st."patientId" = ${patientId}::uuid AND st."studyInstanceUid" = ${header.studyInstanceUid}`;
    return new Map(rows.map((row) => [row.sopInstanceUid, row.sha256]));
  });
  const sha256 = (await study).get(header.sopInstanceUid);
  return sha256 === undefined ? null : { sha256 };
}

function cached<T>(map: Map<string, Promise<T>>, key: string, lookup: () => Promise<T>): Promise<T> {
  let found = map.get(key);
  if (!found) {
    found = lookup();
    // A failed lookup is not remembered: the next file tries again.
    found.catch(() => map.delete(key));
    map.set(key, found);
  }
  return found;
}

async function studyId(db: Database, target: IntakeTarget, header: Part10Header): Promise<string> {
  const where = { patientId_studyInstanceUid: { patientId: target.patientId, studyInstanceUid: header.studyInstanceUid } };
  await db.study.createMany({ data: [studyRow(target, header)], skipDuplicates: true });
  const study = await db.study.findUniqueOrThrow({ where, select: { id: true, status: true } });
  // A study that was complete is receiving again while new instances join it.
  if (study.status !== "RECEIVING") await db.study.updateMany({ where: { id: study.id, status: { not: "RECEIVING" } }, data: { status: "RECEIVING" } });
  return study.id;
}

async function seriesId(db: Database, target: IntakeTarget, header: Part10Header, studyId: string): Promise<string> {
  await db.series.createMany({
    data: [{
      patientId: target.patientId,
      studyId,
      seriesInstanceUid: header.seriesInstanceUid,
      modality: text(header.modality),
      seriesNumber: header.seriesNumber ?? null,
      description: text(header.seriesDescription),
      bodyPart: text(header.bodyPartExamined),
    }],
    skipDuplicates: true,
  });
  const series = await db.series.findUniqueOrThrow({ where: { patientId_seriesInstanceUid: { patientId: target.patientId, seriesInstanceUid: header.seriesInstanceUid } }, select: { id: true } });
  return series.id;
}

/**
 * Files one instance whose bytes are already in the blob store, and records the file's outcome.
 * The instance and its IntakeFile row are written by one statement, so neither exists without
 * the other; when the UID is already held, the row says whether the bytes were the same.
 */
export async function indexInstance(db: Database, target: IntakeTarget, file: IntakeFileRef, instance: StoredInstance, cache = newIndexCache()): Promise<IndexOutcome> {
  const { header } = instance;
  const study = await cached(cache.studies, header.studyInstanceUid, () => studyId(db, target, header));
  const series = await cached(cache.series, header.seriesInstanceUid, () => seriesId(db, target, header, study));
  const [row] = await db.$queryRaw<{ outcome: IndexOutcome }[]>`
    WITH inserted AS (
      INSERT INTO "Instance" (id, "patientId", "seriesId", "sopInstanceUid", "sopClassUid", "instanceNumber", "transferSyntaxUid",
                              "numberOfFrames", rows, columns, bytes, "storageKey", sha256, source)
      VALUES (${randomUUID()}::uuid, ${target.patientId}::uuid, ${series}::uuid, ${header.sopInstanceUid}, ${header.sopClassUid},
              ${header.instanceNumber ?? null}::int, ${header.transferSyntaxUid}, ${header.numberOfFrames ?? 1}::int, ${header.rows ?? null}::int,
              ${header.columns ?? null}::int, ${instance.bytes}::bigint, ${instance.storageKey}, ${instance.sha256}, ${target.source}::"IntakeSource")
      ON CONFLICT ("patientId", "sopInstanceUid") DO NOTHING
      RETURNING id
    ),
    outcome AS (
      SELECT CASE
        WHEN EXISTS (SELECT 1 FROM inserted) THEN 'STORED'
        WHEN (SELECT sha256 FROM "Instance" WHERE "patientId" = ${target.patientId}::uuid AND "sopInstanceUid" = ${header.sopInstanceUid}) = ${instance.sha256} THEN 'DUPLICATE'
        ELSE 'CONFLICT'
      END AS value
    )
    INSERT INTO "IntakeFile" (id, "batchId", "uploadId", "entryName", name, bytes, outcome, code, message, "sopInstanceUid", "studyInstanceUid")
    SELECT ${randomUUID()}::uuid, ${target.batchId}::uuid, ${file.uploadId}, ${file.entryName}, ${file.name}, ${instance.bytes}::bigint,
           outcome.value::"IntakeOutcome",
           CASE outcome.value WHEN 'CONFLICT' THEN 'conflict' END,
           CASE outcome.value WHEN 'DUPLICATE' THEN ${OUTCOME_MESSAGES.DUPLICATE} WHEN 'CONFLICT' THEN ${OUTCOME_MESSAGES.CONFLICT} END,
           ${header.sopInstanceUid}, ${header.studyInstanceUid}
    FROM outcome
    ON CONFLICT ("uploadId", "entryName") DO NOTHING
    RETURNING outcome::text`;
  // No row: this upload's entry was recorded before (a retry after a crash); the record stands.
  return row?.outcome ?? "DUPLICATE";
}

function studyRow(target: IntakeTarget, header: Part10Header) {
  return {
    patientId: target.patientId,
    studyInstanceUid: header.studyInstanceUid,
    studyDate: dicomDate(header.studyDate),
    studyTime: text(header.studyTime),
    accessionNumber: text(header.accessionNumber),
    description: text(header.studyDescription),
    // Names are kept as DICOM writes them (Family^Given): DICOMweb answers with them, pages show them with personName.
    referringPhysician: text(header.referringPhysicianName),
    institutionName: text(header.institutionName),
    dicomPatientName: text(header.patientName),
    dicomPatientId: text(header.patientId),
    dicomBirthDate: dicomDate(header.patientBirthDate),
    status: "RECEIVING" as const,
    source: target.source,
    uploadedById: target.uploadedById,
  };
}
