import type { Actor } from "../auth/actor";
import type { Database } from "../db/prisma";
import { authorizePatient } from "../patients/load";

// A patient's shared links as their page shows them: to whom, what, until when, and what the
// recipient did with them (opens, downloads).

export type ShareStatus = "active" | "locked" | "expired" | "off";

export async function listShares(db: Database, actor: Actor, patientId: string, now = new Date()) {
  await authorizePatient(db, actor, "study.share", patientId);
  const links = await db.shareLink.findMany({
    where: { patientId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      recipientName: true,
      recipientEmail: true,
      purpose: true,
      check: true,
      allowDownload: true,
      notifyOnOpen: true,
      openCount: true,
      lastOpenedAt: true,
      lockedUntil: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      studies: { select: { study: { select: { description: true, studyDate: true } } } },
    },
  });
  // A recipient's download is audited with the share link in its detail (lib/audit/fields.ts).
  const downloads = await db.$queryRaw<{ shareLinkId: string; count: bigint }[]>`
    SELECT detail->>'shareLinkId' AS "shareLinkId", count(*) AS count FROM "AuditEvent"
    WHERE "patientId" = ${patientId}::uuid AND action = 'study.download' AND "actorKind" = 'SHARE_RECIPIENT'
    GROUP BY 1`;
  return links.map((link) => {
    const status: ShareStatus = link.revokedAt ? "off" : link.expiresAt <= now ? "expired" : link.lockedUntil && link.lockedUntil > now ? "locked" : "active";
    return { ...link, status, downloads: Number(downloads.find((row) => row.shareLinkId === link.id)?.count ?? 0) };
  });
}

export type ShareSummary = Awaited<ReturnType<typeof listShares>>[number];
