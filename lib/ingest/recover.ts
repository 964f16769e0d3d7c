import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { systemActor } from "../auth/actor";
import type { Database } from "../db/prisma";
import type { BlobStore } from "../storage/blob-store";
import { batchTarget, closeBatch } from "./batch";
import { ingestUpload } from "./upload";
import { UPLOAD_EXPIRY_MS, finishedUpload, isWhole, removeUpload, uploadFileStore, uploadMetadata, uploadsDir } from "./upload-store";

// At start-up, before any request: uploads that arrived whole but whose ingest a crash or restart
// cut short are ingested now (ingest is idempotent, so a half-done one completes); uploads
// abandoned for a week are removed; batches left open for a week are closed, which lists their
// studies' missing instances instead of showing them as receiving forever.

export type RecoveryReport = { ingested: number; expired: number; closedBatches: number };

export async function recoverUploads(db: Database, store: BlobStore, dataDir: string, now = new Date()): Promise<RecoveryReport> {
  const uploads = uploadFileStore(dataDir);
  const workDir = join(uploadsDir(dataDir), ".work");
  await rm(workDir, { recursive: true, force: true });
  const actor = systemActor("finishing uploads interrupted by a restart");
  const report: RecoveryReport = { ingested: 0, expired: 0, closedBatches: 0 };

  const ids = (await readdir(uploadsDir(dataDir)).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).map((name) => name.slice(0, -5));
  for (const id of ids) {
    const upload = await uploads.getUpload(id).catch(() => null);
    if (!upload) {
      await removeUpload(uploads, id);
      continue;
    }
    const created = upload.creation_date ? new Date(upload.creation_date).getTime() : 0;
    if (isWhole(upload)) {
      const target = await batchTarget(db, actor, uploadMetadata(upload).batchId ?? "").catch(() => null);
      if (target) {
        await ingestUpload(db, store, target, finishedUpload(uploads, upload), workDir);
        report.ingested++;
      }
      await removeUpload(uploads, id);
    } else if (now.getTime() - created > UPLOAD_EXPIRY_MS) {
      await removeUpload(uploads, id);
      report.expired++;
    }
  }

  const stale = await db.intakeBatch.findMany({ where: { status: "OPEN", createdAt: { lt: new Date(now.getTime() - UPLOAD_EXPIRY_MS) } }, select: { id: true } });
  for (const batch of stale) {
    await closeBatch(db, systemActor("closing an upload abandoned for a week"), batch.id);
    report.closedBatches++;
  }
  return report;
}
