import type { Actor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { authorizePatient } from "../patients/load";

// A patient's studies, as the list pages show them: what, when, how much; no images.

export type StudySummary = {
  id: string;
  studyInstanceUid: string;
  description: string | null;
  studyDate: Date | null;
  modalities: string[];
  numberOfSeries: number;
  numberOfInstances: number;
  totalBytes: bigint;
  status: "RECEIVING" | "COMPLETE" | "INCOMPLETE";
  institutionName: string | null;
};

export async function listStudies(db: Database, actor: Actor, patientId: string): Promise<StudySummary[]> {
  await authorizePatient(db, actor, "study.list", patientId);
  return db.$transaction(async (tx) => {
    const studies = await tx.study.findMany({
      where: { patientId },
      orderBy: [{ studyDate: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      select: { id: true, studyInstanceUid: true, description: true, studyDate: true, modalities: true, numberOfSeries: true, numberOfInstances: true, totalBytes: true, status: true, institutionName: true },
    });
    await recordAuditEvent(tx, { actor, action: "study.list", patientId, studyIds: studies.map((study) => study.id), channel: "web" });
    return studies;
  }, AUDITED_TRANSACTION);
}
