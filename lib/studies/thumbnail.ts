import { buffer } from "node:stream/consumers";
import type { Actor } from "../auth/actor";
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/prisma";
import { DECODABLE_TRANSFER_SYNTAXES } from "../dicom/codecs/decode-frame";
import { THUMBNAIL_SIZE, renderInstance } from "../dicomweb/rendered";
import type { RenderedMediaType } from "../dicomweb/rendered";
import { ForbiddenError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import type { BlobStore } from "../storage/blob-store";

// A series' thumbnail: its middle image, drawn once and kept in the blob store beside the images
// (under the image's SHA-256, so it never goes stale). Shown on the study page, whose opening is
// the audited view; the thumbnail itself is checked against the same policy.

// Larger files (long multi-frame loops) are left to the viewer.
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export type Thumbnail = { body: Uint8Array; mediaType: RenderedMediaType; etag: string };

const EXTENSIONS: Record<RenderedMediaType, string> = { "image/png": "png", "image/jpeg": "jpg" };

// Only images whose pixels the server can decode are candidates.
const drawable = () => ({ transferSyntaxUid: { in: [...DECODABLE_TRANSFER_SYNTAXES] }, bytes: { lte: MAX_SOURCE_BYTES } });

export async function seriesThumbnail(db: Database, store: BlobStore, actor: Actor, studyId: string, seriesId: string, mediaType: RenderedMediaType = "image/png"): Promise<Thumbnail | null> {
  if (!isUuid(studyId) || !isUuid(seriesId)) throw new ForbiddenError();
  const series = await db.series.findFirst({ where: { id: seriesId, studyId }, select: { patientId: true } });
  if (!series) throw new ForbiddenError();
  await authorizePatient(db, actor, "study.view", series.patientId);

  const instances = await db.instance.findMany({
    where: { seriesId, ...drawable() },
    orderBy: [{ instanceNumber: { sort: "asc", nulls: "last" } }, { sopInstanceUid: "asc" }],
    select: { sha256: true, storageKey: true, transferSyntaxUid: true, bytes: true },
  });
  const middle = instances[Math.floor(instances.length / 2)];
  if (!middle) return null;
  const extension = EXTENSIONS[mediaType];
  const key = `thumbnails/${middle.sha256.slice(0, 2)}/${middle.sha256}.${extension}`;
  const etag = `"${middle.sha256}-${extension}"`;
  if (await store.exists(key)) return { body: new Uint8Array(await buffer(await store.get(key))), mediaType, etag };
  const drawn = await renderInstance(store, middle, { frame: 1, size: THUMBNAIL_SIZE, mediaType });
  if (!drawn.ok) return null;
  await store.put(key, drawn.body);
  return { body: drawn.body, mediaType, etag };
}

/** Which of a study's series have a thumbnail to show (some image whose pixels the server decodes). */
export async function seriesWithThumbnails(db: Database | Prisma.TransactionClient, studyId: string): Promise<Set<string>> {
  const rows = await db.instance.groupBy({ by: ["seriesId"], where: { series: { studyId }, ...drawable() } });
  return new Set(rows.map((row) => row.seriesId));
}
