import type { Actor } from "../auth/actor";
import type { Action } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { JsonObject } from "../audit/chain";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { holdingsFilter, mayOnStudy, PATIENT_FACTS, reachableStudy } from "./access";

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

const INSTANCE_FIELDS = { id: true, sopInstanceUid: true, sopClassUid: true, storageKey: true, sha256: true, transferSyntaxUid: true, bytes: true } as const;

/**
 * One instance, found and checked in a single query (a viewer asks for frames one instance at a
 * time, hundreds of times): the instance with its series, study and the patient's facts for the policy.
 */
export async function reachInstance(db: Database, actor: Actor, action: Action, target: Required<DicomWebTarget>): Promise<{ study: ReachedStudy; instance: TargetInstance }> {
  const filter = holdingsFilter(actor);
  if (!filter) throw new ForbiddenError();
  const rows = await db.instance.findMany({
    where: { sopInstanceUid: target.sopUid, series: { seriesInstanceUid: target.seriesUid, study: { AND: [filter, { studyInstanceUid: target.studyUid }] } } },
    select: { ...INSTANCE_FIELDS, series: { select: { seriesInstanceUid: true, study: { select: { id: true, patientId: true, studyInstanceUid: true, createdAt: true, patient: PATIENT_FACTS } } } } },
    take: 10,
  });
  // As with studies: when the caller may see two patients' copies, the first one filed answers.
  const reachable = rows.filter((row) => mayOnStudy(actor, action, row.series.study, row.series.study.patient)).sort((a, b) => a.series.study.createdAt.getTime() - b.series.study.createdAt.getTime());
  const row = reachable[0];
  if (!row) throw new ForbiddenError();
  const { series, ...instance } = row;
  const { id, patientId, studyInstanceUid } = series.study;
  return { study: { id, patientId, studyInstanceUid }, instance: { ...instance, seriesInstanceUid: series.seriesInstanceUid } };
}

export async function reachInstances(db: Database, actor: Actor, action: Action, target: DicomWebTarget): Promise<{ study: ReachedStudy; instances: TargetInstance[] }> {
  const study = await reachableStudy(db, actor, action, target.studyUid);
  const rows = await db.instance.findMany({
    where: {
      series: { studyId: study.id, ...(target.seriesUid ? { seriesInstanceUid: target.seriesUid } : {}) },
      ...(target.sopUid ? { sopInstanceUid: target.sopUid } : {}),
    },
    orderBy: [{ series: { seriesNumber: { sort: "asc", nulls: "last" } } }, { seriesId: "asc" }, { instanceNumber: { sort: "asc", nulls: "last" } }, { sopInstanceUid: "asc" }],
    select: { ...INSTANCE_FIELDS, series: { select: { seriesInstanceUid: true } } },
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
