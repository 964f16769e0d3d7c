import type { Actor } from "../auth/actor";
import { can } from "../auth/policy";
import type { Database } from "../db/prisma";
import { patientResource } from "../patients/resource";

// Whether a page offers a study's download, and how big it is: only to those the policy lets download
// it, and only once it has images and is no longer arriving (lib/download refuses it otherwise).

export type DownloadOffer = { href: `/api/studies/${string}/download`; bytes: bigint };

export async function downloadOffer(db: Database, actor: Actor, study: { id: string; patientId: string; status: string; numberOfInstances: number; totalBytes: bigint }): Promise<DownloadOffer | null> {
  if (study.status === "RECEIVING" || study.numberOfInstances === 0) return null;
  const resource = await patientResource(db, study.patientId);
  if (!resource || !can(actor, "study.download", { ...resource, studyId: study.id })) return null;
  return { href: `/api/studies/${study.id}/download`, bytes: study.totalBytes };
}
