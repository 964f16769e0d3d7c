import { stat } from "node:fs/promises";
import type { IntakeOutcome } from "../db/generated/enums";
import type { Database } from "../db/prisma";
import { DicomFileError } from "../dicom/part10-header";
import { instanceKey } from "../storage/keys";
import type { BlobStore } from "../storage/blob-store";
import { examineFile } from "./examine-file";
import { heldInstance, indexInstance, intakeFileRow, sameOrConflict } from "./index-instance";
import type { IntakeFileRef, IntakeTarget } from "./index-instance";

/** What became of one file, as the upload page and the study page show it. */
export type IntakeFileResult = {
  name: string;
  entryName: string;
  outcome: IntakeOutcome;
  code: string | null;
  message: string | null;
  studyInstanceUid: string | null;
};

const RESULT_FIELDS = { name: true, entryName: true, outcome: true, code: true, message: true, studyInstanceUid: true } as const;

/**
 * Ingests one finished file from local disk: checks it, stores its bytes under their SHA-256 and
 * files it in the patient's holdings, and records the outcome. Idempotent: the same upload and
 * entry ingested again gives the recorded outcome. The caller has checked that the target's
 * uploader may upload for its patient, and removes the file afterwards.
 */
export async function ingestFile(db: Database, store: BlobStore, target: IntakeTarget, file: IntakeFileRef & { path: string }): Promise<IntakeFileResult> {
  const ref = { uploadId: file.uploadId, entryName: file.entryName, name: file.name };
  const recorded = await db.intakeFile.findUnique({ where: { uploadId_entryName: { uploadId: file.uploadId, entryName: file.entryName } }, select: RESULT_FIELDS });
  if (recorded) return recorded;

  let examined;
  try {
    examined = await examineFile(file.path);
  } catch (error) {
    if (!(error instanceof DicomFileError)) throw error;
    return recordRefusal(db, target, ref, (await stat(file.path)).size, { code: error.code, message: error.userMessage });
  }
  const held = await heldInstance(db, target.patientId, examined.header.sopInstanceUid);
  if (held) {
    // Already held: no need to store the bytes again (and a conflicting copy is never stored).
    const row = intakeFileRow(target, ref, examined, sameOrConflict(held, examined.sha256));
    await db.intakeFile.createMany({ data: [row], skipDuplicates: true });
  } else {
    const storageKey = instanceKey(examined.sha256);
    await store.putFile(storageKey, file.path);
    await indexInstance(db, target, ref, { ...examined, storageKey });
  }
  return db.intakeFile.findUniqueOrThrow({ where: { uploadId_entryName: { uploadId: file.uploadId, entryName: file.entryName } }, select: RESULT_FIELDS });
}

/** Records a file that was not taken, with the code and the sentence the patient sees. */
export async function recordRefusal(db: Database, target: IntakeTarget, file: IntakeFileRef, bytes: number, refusal: { code: string; message: string }): Promise<IntakeFileResult> {
  const row = { batchId: target.batchId, ...file, bytes, outcome: "REJECTED" as const, ...refusal };
  await db.intakeFile.createMany({ data: [row], skipDuplicates: true });
  return { name: row.name, entryName: row.entryName, outcome: row.outcome, code: row.code, message: row.message, studyInstanceUid: null };
}
