import type { Actor } from "../auth/actor";
import type { Action } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { JsonObject } from "../audit/chain";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { reachableStudy } from "./access";

// The instances a WADO-RS request names (a study, a series, or one instance), after the policy
// has allowed the caller the study; and the audit event for what was read or taken.

export type DicomWebTarget = { studyUid: string; seriesUid?: string; sopUid?: string };

export type TargetInstance = {
  id: string;
  sopInstanceUid: string;
  sopClassUid: string;
  seriesInstanceUid: string;
  storageKey: string;
  sha256: string;
  transferSyntaxUid: string;
  bytes: bigint;
};

export type ReachedStudy = { id: string; patientId: string; studyInstanceUid: string };

export async function reachInstances(db: Database, actor: Actor, action: Action, target: DicomWebTarget): Promise<{ study: ReachedStudy; instances: TargetInstance[] }> {
  const study = await reachableStudy(db, actor, action, target.studyUid);
  const rows = await db.instance.findMany({
    where: {
      series: { studyId: study.id, ...(target.seriesUid ? { seriesInstanceUid: target.seriesUid } : {}) },
      ...(target.sopUid ? { sopInstanceUid: target.sopUid } : {}),
    },
    orderBy: [{ series: { seriesNumber: { sort: "asc", nulls: "last" } } }, { seriesId: "asc" }, { instanceNumber: { sort: "asc", nulls: "last" } }, { sopInstanceUid: "asc" }],
    select: {
      id: true,
      sopInstanceUid: true,
      sopClassUid: true,
      storageKey: true,
      sha256: true,
      transferSyntaxUid: true,
      bytes: true,
      series: { select: { seriesInstanceUid: true } },
    },
  });
  // A series or instance that is not in this study is not found, like a study the caller may not see.
  if (rows.length === 0 && (target.seriesUid || target.sopUid)) throw new ForbiddenError();
  return { study, instances: rows.map(({ series, ...row }) => ({ ...row, seriesInstanceUid: series.seriesInstanceUid })) };
}

/** Records a DICOMweb read of the study's data (metadata, instances) in the audit trail; a share recipient's reads are the share link's. */
export async function auditDicomWebRead(db: Database, actor: Actor, action: "study.view" | "study.download", study: ReachedStudy, detail: JsonObject): Promise<void> {
  await db.$transaction(
    (tx) => recordAuditEvent(tx, { actor, action, patientId: study.patientId, studyIds: [study.id], channel: actor.kind === "share-recipient" ? "share-link" : "dicomweb", entityType: "Study", entityId: study.id, detail }),
    AUDITED_TRANSACTION,
  );
}
