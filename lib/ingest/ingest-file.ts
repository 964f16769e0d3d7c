import { stat } from "node:fs/promises";
import type { IntakeOutcome } from "../db/generated/enums";
import type { Database } from "../db/prisma";
import { DicomFileError } from "../dicom/part10-header";
import { instanceKey } from "../storage/keys";
import type { BlobStore } from "../storage/blob-store";
import { examineBytes, examineFile } from "./examine-file";
import { heldFileRow, heldInStudy, heldInstance, indexInstance, outcomeWords, sameOrConflict } from "./index-instance";
import type { IndexCache, IntakeFileRef, IntakeTarget } from "./index-instance";

/** What became of one file, as the upload page and the study page show it. */
export type IntakeFileResult = {
  name: string;
  entryName: string;
  outcome: IntakeOutcome;
  code: string | null;
  message: string | null;
  studyInstanceUid: string | null;
};

/** The columns of an IntakeFile that make an IntakeFileResult. */
export const RESULT_FIELDS = { name: true, entryName: true, outcome: true, code: true, message: true, studyInstanceUid: true } as const;

export type IngestFileOptions = {
  /** The SHA-256 of the file, when the caller measured it already (zip entries are hashed as they unpack). */
  sha256?: string;
  cache?: IndexCache;
  /** False when the caller knows the entry has no recorded outcome yet. */
  checkRecorded?: boolean;
};

/** A finished file on local disk, or a small one held in memory (unpacked from a zip, its SHA-256 measured on the way). */
export type IntakeFileBody = { path: string } | { bytes: Uint8Array; sha256: string };

/**
 * Ingests one finished file: checks it, stores its bytes under their SHA-256 and files it in the
 * patient's holdings, and records the outcome. Idempotent: the same upload and entry ingested
 * again gives the recorded outcome. The caller has checked that the target's uploader may upload
 * for its patient, and removes the file afterwards.
 */
export async function ingestFile(db: Database, store: BlobStore, target: IntakeTarget, file: IntakeFileRef & IntakeFileBody, options: IngestFileOptions = {}): Promise<IntakeFileResult> {
  const ref = { uploadId: file.uploadId, entryName: file.entryName, name: file.name };
  if (options.checkRecorded !== false) {
    const recorded = await db.intakeFile.findUnique({ where: { uploadId_entryName: { uploadId: file.uploadId, entryName: file.entryName } }, select: RESULT_FIELDS });
    if (recorded) return recorded;
  }

  let examined;
  try {
    examined = "bytes" in file ? await examineBytes(file.bytes, file.sha256) : await examineFile(file.path, options.sha256);
  } catch (error) {
    if (!(error instanceof DicomFileError)) throw error;
    const bytes = "bytes" in file ? file.bytes.length : (await stat(file.path)).size;
    return recordRefusal(db, target, ref, bytes, { code: error.code, message: error.userMessage });
  }
  const held = options.cache ? await heldInStudy(db, options.cache, target.patientId, examined.header) : await heldInstance(db, target.patientId, examined.header.sopInstanceUid);
  let outcome: IntakeOutcome;
  if (held) {
    // Already held: no need to store the bytes again (and a conflicting copy is not stored; one
    // that heldInStudy misses is filed by indexInstance as a conflict, its bytes left unreferenced).
    outcome = sameOrConflict(held, examined.sha256);
    await db.intakeFile.createMany({ data: [heldFileRow(target, ref, examined, outcome)], skipDuplicates: true });
  } else {
    const storageKey = instanceKey(examined.sha256);
    await ("bytes" in file ? store.putBytes(storageKey, file.bytes) : store.putFile(storageKey, file.path));
    outcome = await indexInstance(db, target, ref, { ...examined, storageKey }, options.cache);
  }
  return {
    name: ref.name,
    entryName: ref.entryName,
    outcome,
    ...outcomeWords(outcome),
    studyInstanceUid: examined.header.studyInstanceUid,
  };
}

/** The recorded outcomes of an upload's files, in the order they were recorded. */
export async function recordedResults(db: Database, uploadId: string): Promise<IntakeFileResult[]> {
  return db.intakeFile.findMany({ where: { uploadId }, orderBy: { createdAt: "asc" }, select: RESULT_FIELDS });
}

/** Records a file that was not taken, with the code and the sentence the patient sees. */
export async function recordRefusal(db: Database, target: IntakeTarget, file: IntakeFileRef, bytes: number, refusal: { code: string; message: string }): Promise<IntakeFileResult> {
  const row = { batchId: target.batchId, ...file, bytes, outcome: "REJECTED" as const, ...refusal };
  await db.intakeFile.createMany({ data: [row], skipDuplicates: true });
  return { name: row.name, entryName: row.entryName, outcome: row.outcome, code: row.code, message: row.message, studyInstanceUid: null };
}
