import type { Prisma } from "../db/generated/client";

// A study's and its series' counts, sizes and modalities, computed from the instances they hold.
// Ingest does not keep running totals (that would lock the study row once per instance); intake
// settles them when an upload ends.

export async function settleStudyTotals(tx: Prisma.TransactionClient, studyId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Series" AS series
    SET "numberOfInstances" = totals.count, "totalBytes" = totals.bytes, "updatedAt" = now()
    FROM (
      SELECT s.id, count(i.id)::int AS count, coalesce(sum(i.bytes), 0)::bigint AS bytes
      FROM "Series" s LEFT JOIN "Instance" i ON i."seriesId" = s.id
      WHERE s."studyId" = ${studyId}::uuid
      GROUP BY s.id
    ) AS totals
    WHERE series.id = totals.id`;
  await tx.$executeRaw`
    UPDATE "Study" AS study
    SET "numberOfSeries" = totals.series, "numberOfInstances" = totals.instances, "totalBytes" = totals.bytes,
        modalities = totals.modalities, "updatedAt" = now()
    FROM (
      SELECT count(*)::int AS series, coalesce(sum("numberOfInstances"), 0)::int AS instances, coalesce(sum("totalBytes"), 0)::bigint AS bytes,
             coalesce(array_agg(DISTINCT modality ORDER BY modality) FILTER (WHERE modality IS NOT NULL), '{}') AS modalities
      FROM "Series" WHERE "studyId" = ${studyId}::uuid
    ) AS totals
    WHERE study.id = ${studyId}::uuid`;
}
