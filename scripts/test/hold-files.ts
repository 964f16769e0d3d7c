import { randomUUID } from "node:crypto";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { UserActor } from "../../lib/auth/actor";
import type { Database } from "../../lib/db/prisma";
import { batchTarget, closeBatch, openBatch } from "../../lib/ingest/batch";
import { ingestFile } from "../../lib/ingest/ingest-file";
import type { IntakeFileResult } from "../../lib/ingest/ingest-file";
import type { BlobStore } from "../../lib/storage/blob-store";

// Puts real DICOM files into a patient's holdings the way an upload does (batch, ingest, close),
// without a browser: for tests of what comes after intake (DICOMweb, viewer, downloads).

/** The patient's own account acting, as createPatientActor and the e2e accounts give it. */
export async function holdFiles(db: Database, store: BlobStore, actor: UserActor & { patientId: string }, files: readonly string[]): Promise<IntakeFileResult[]> {
  const batch = await openBatch(db, actor, actor.patientId, []);
  const target = await batchTarget(db, actor, batch.id);
  // ingestFile may hard-link the file into the store: work on copies so test data stays untouched.
  const workDir = await mkdtemp(path.join(os.tmpdir(), "carrier-hold-"));
  try {
    const results = [];
    for (const file of files) {
      const copy = path.join(workDir, randomUUID());
      await copyFile(file, copy);
      results.push(await ingestFile(db, store, target, { uploadId: randomUUID(), entryName: "", name: path.basename(file), path: copy }));
    }
    await closeBatch(db, actor, batch.id);
    return results;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
