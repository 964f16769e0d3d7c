import type { Actor } from "../auth/actor";
import type { Action } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { JsonObject } from "../audit/chain";
import { KeptAnswers } from "../cache/kept-answers";
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { holdingsCondition, mayOnStudy, reachableStudy } from "./access";

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

type InstanceRow = Omit<TargetInstance, "seriesInstanceUid"> & {
  seriesInstanceUid: string;
  studyId: string;
  patientId: string;
  studyInstanceUid: string;
  userId: string | null;
  organizationIds: string[];
};

// A viewer asks for a series' frames one instance at a time, a hundred or more in a few seconds:
// the instances of the series are found together, in one query, and kept for SERIES_KEPT_MS for
// callers with the same narrowing. The policy still judges every request, against the patient's
// facts loaded with them, so a change to those (an account link, a registration at a clinic)
// counts within that time. Instances are never changed once filed; one that arrives since is
// looked for again rather than refused.
const SERIES_KEPT_MS = 10_000;
const seriesKept = new KeptAnswers<Map<string, InstanceRow[]>>(64);

/** The instances of a series (every copy the narrowing lets through), oldest filing first, by SOP Instance UID. */
async function seriesInstances(db: Database, narrowing: Prisma.Sql, target: Required<DicomWebTarget>): Promise<Map<string, InstanceRow[]>> {
  const rows = await db.$queryRaw<InstanceRow[]>`
    WITH reached AS MATERIALIZED (
      SELECT series.id AS "seriesId", series."seriesInstanceUid", study.id AS "studyId", study."patientId",
             study."studyInstanceUid", study."createdAt", patient."userId",
             ARRAY(SELECT identifier."organizationId"::text FROM "PatientIdentifier" identifier WHERE identifier."patientId" = patient.id) AS "organizationIds"
      FROM "Series" series
      JOIN "Study" study ON study.id = series."studyId"
      JOIN "Patient" patient ON patient.id = study."patientId"
      WHERE series."seriesInstanceUid" = ${target.seriesUid} AND study."studyInstanceUid" = ${target.studyUid} AND ${narrowing}
      ORDER BY study."createdAt" ASC
      LIMIT 10
    )
    SELECT instance.id, instance."sopInstanceUid", instance."sopClassUid", instance."storageKey", instance.sha256,
           instance."transferSyntaxUid", instance.bytes, reached."seriesInstanceUid", reached."studyId", reached."patientId",
           reached."studyInstanceUid", reached."userId", reached."organizationIds"
    FROM reached JOIN "Instance" instance ON instance."seriesId" = reached."seriesId"
    ORDER BY reached."createdAt" ASC`;
  const bySop = new Map<string, InstanceRow[]>();
  for (const row of rows) bySop.set(row.sopInstanceUid, [...(bySop.get(row.sopInstanceUid) ?? []), row]);
  return bySop;
}

/**
 * One instance, found and checked: the instance with its series, study and the patient's facts
 * for the policy, from its series' instances found together (see SERIES_KEPT_MS).
 */
export async function reachInstance(db: Database, actor: Actor, action: Action, target: Required<DicomWebTarget>, now = Date.now()): Promise<{ study: ReachedStudy; instance: TargetInstance }> {
  const narrowing = holdingsCondition(actor);
  if (!narrowing) throw new ForbiddenError();
  const key = JSON.stringify([narrowing.sql, narrowing.values, target.studyUid, target.seriesUid]);
  const load = async () => ({ value: await seriesInstances(db, narrowing, target), until: now + SERIES_KEPT_MS });
  const bySop = await seriesKept.get(key, now, load, (kept) => kept.has(target.sopUid));
  // As with studies: when the caller may see two patients' copies, the first one filed answers.
  const row = bySop.get(target.sopUid)?.find((candidate) => mayOnStudy(actor, action, { id: candidate.studyId, patientId: candidate.patientId }, { userId: candidate.userId, identifiers: candidate.organizationIds.map((organizationId) => ({ organizationId })) }));
  if (!row) throw new ForbiddenError();
  const { studyId, patientId, studyInstanceUid, userId: _userId, organizationIds: _organizationIds, ...instance } = row;
  return { study: { id: studyId, patientId, studyInstanceUid }, instance };
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
