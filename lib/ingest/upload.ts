import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "../db/prisma";
import type { BlobStore } from "../storage/blob-store";
import { ingestFile, recordRefusal, recordedResults } from "./ingest-file";
import type { IntakeFileResult } from "./ingest-file";
import { newIndexCache } from "./index-instance";
import type { IntakeTarget } from "./index-instance";
import { DEFAULT_ZIP_LIMITS, ZipRefusedError, expandZip } from "./zip";
import type { ZipLimits } from "./zip";

/**
 * A finished upload on local disk: one DICOM file, or a zip of them. A bundle is a zip the upload
 * page made of the patient's own files (many small files travel better as one upload); its
 * entries are named by the files' own paths.
 */
export type FinishedUpload = { id: string; path: string; name: string; bytes: number; isZip: boolean; isBundle?: boolean };

/**
 * Ingests a finished upload into the target's holdings and gives the outcome of each file in it.
 * A zip is unpacked into `workDir` entry by entry; its refused entries and the refusal of the
 * zip itself are outcomes like any other. Idempotent per upload and entry.
 */
export async function ingestUpload(
  db: Database,
  store: BlobStore,
  target: IntakeTarget,
  upload: FinishedUpload,
  workDir: string,
  zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<IntakeFileResult[]> {
  // Asked again just as an earlier ingest finished (and removed the upload's bytes).
  if (await isIngested(db, upload.id)) return recordedResults(db, upload.id);
  if (!upload.isZip) {
    const result = await ingestFile(db, store, target, { uploadId: upload.id, entryName: "", name: upload.name, path: upload.path });
    await markIngested(db, upload);
    return [result];
  }
  // Entries recorded by an earlier, interrupted attempt are not unpacked again.
  const recorded = new Set((await recordedResults(db, upload.id)).map((result) => result.entryName));
  const cache = newIndexCache();
  const unpackDir = join(workDir, `zip-${upload.id}`);
  await mkdir(unpackDir, { recursive: true, mode: 0o700 });
  try {
    await expandZip(
      upload.path,
      unpackDir,
      zipLimits,
      async (entry) => {
        const ref = { uploadId: upload.id, entryName: entry.name, name: upload.isBundle ? entry.name : `${upload.name}: ${entry.name}` };
        if ("refused" in entry) await recordRefusal(db, target, ref, 0, entry.refused);
        else if ("bytes" in entry) await ingestFile(db, store, target, { ...ref, bytes: entry.bytes, sha256: entry.sha256 }, { cache, checkRecorded: false });
        else await ingestFile(db, store, target, { ...ref, path: entry.path }, { sha256: entry.sha256, cache, checkRecorded: false });
      },
      (name) => recorded.has(name),
    );
  } catch (error) {
    if (!(error instanceof ZipRefusedError)) throw error;
    const ref = { uploadId: upload.id, entryName: "", name: upload.name };
    await recordRefusal(db, target, ref, upload.bytes, { code: error.code, message: error.userMessage });
  } finally {
    await rm(unpackDir, { recursive: true, force: true });
  }
  await markIngested(db, upload);
  return recordedResults(db, upload.id);
}

async function isIngested(db: Database, uploadId: string): Promise<boolean> {
  return (await db.intakeFile.count({ where: { uploadId, uploadBytes: { not: null } }, take: 1 })) > 0;
}

/** The upload's size on its outcomes: what a browser resuming it after a cut learns it was. */
async function markIngested(db: Database, upload: FinishedUpload): Promise<void> {
  await db.intakeFile.updateMany({ where: { uploadId: upload.id }, data: { uploadBytes: upload.bytes } });
}
