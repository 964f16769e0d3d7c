import { buffer } from "node:stream/consumers";
import type { Actor } from "../auth/actor";
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/prisma";
import { NATIVE_TRANSFER_SYNTAXES, renderThumbnail } from "../dicom/thumbnail";
import { ForbiddenError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import type { BlobStore } from "../storage/blob-store";

// A series' thumbnail: its middle image, drawn once and kept in the blob store beside the images
// (under the image's SHA-256, so it never goes stale). Shown on the study page, whose opening is
// the audited view; the thumbnail itself is checked against the same policy.

// Larger files (long multi-frame loops) are not read whole for a thumbnail.
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export type Thumbnail = { png: Uint8Array; etag: string };

export async function seriesThumbnail(db: Database, store: BlobStore, actor: Actor, studyId: string, seriesId: string): Promise<Thumbnail | null> {
  if (!isUuid(studyId) || !isUuid(seriesId)) throw new ForbiddenError();
  const series = await db.series.findFirst({ where: { id: seriesId, studyId }, select: { patientId: true } });
  if (!series) throw new ForbiddenError();
  await authorizePatient(db, actor, "study.view", series.patientId);

  const instances = await db.instance.findMany({
    where: { seriesId, transferSyntaxUid: { in: [...NATIVE_TRANSFER_SYNTAXES] }, bytes: { lte: MAX_SOURCE_BYTES } },
    orderBy: [{ instanceNumber: { sort: "asc", nulls: "last" } }, { sopInstanceUid: "asc" }],
    select: { sha256: true, storageKey: true },
  });
  const middle = instances[Math.floor(instances.length / 2)];
  if (!middle) return null;
  const key = `thumbnails/${middle.sha256.slice(0, 2)}/${middle.sha256}.png`;
  const etag = `"${middle.sha256}"`;
  if (await store.exists(key)) return { png: new Uint8Array(await buffer(await store.get(key))), etag };
  const png = renderThumbnail(new Uint8Array(await buffer(await store.get(middle.storageKey))));
  if (!png) return null;
  await store.put(key, png);
  return { png, etag };
}

/** Which of a study's series have a thumbnail to show (some image with uncompressed pixels). */
export async function seriesWithThumbnails(db: Database | Prisma.TransactionClient, studyId: string): Promise<Set<string>> {
  const rows = await db.instance.groupBy({
    by: ["seriesId"],
    where: { series: { studyId }, transferSyntaxUid: { in: [...NATIVE_TRANSFER_SYNTAXES] }, bytes: { lte: MAX_SOURCE_BYTES } },
  });
  return new Set(rows.map((row) => row.seriesId));
}
