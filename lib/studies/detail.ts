import type { Actor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import { seriesWithThumbnails } from "./thumbnail";

// One study as its page shows it: what it is, where it came from, its series, and what did not
// make it in (files refused or in conflict during intake, instances found but never received).
// Opening it is audited like any look at the images' records.

const SOURCE_LABELS = {
  UPLOAD: "Uploaded",
  CLAIM: "Released by the hospital with a code",
  PULL_DICOMWEB: "Brought in from a hospital's image archive",
  PULL_CAREQUALITY: "Brought in through Carequality",
  DICOMWEB_STOW: "Sent by an imaging system",
  DEMO: "Demo data",
} as const;

export async function openStudy(db: Database, actor: Actor, studyId: string) {
  if (!isUuid(studyId)) throw new ForbiddenError();
  const owner = await db.study.findUnique({ where: { id: studyId }, select: { patientId: true } });
  if (!owner) throw new ForbiddenError();
  await authorizePatient(db, actor, "study.view", owner.patientId);
  return db.$transaction(async (tx) => {
    const study = await tx.study.findUniqueOrThrow({
      where: { id: studyId },
      select: {
        id: true,
        patientId: true,
        studyInstanceUid: true,
        description: true,
        studyDate: true,
        modalities: true,
        institutionName: true,
        referringPhysician: true,
        accessionNumber: true,
        dicomPatientName: true,
        numberOfSeries: true,
        numberOfInstances: true,
        totalBytes: true,
        status: true,
        missingInstances: true,
        source: true,
        createdAt: true,
        uploadedBy: { select: { name: true } },
        sourceOrganization: { select: { name: true } },
        series: {
          orderBy: [{ seriesNumber: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
          select: { id: true, seriesNumber: true, modality: true, description: true, bodyPart: true, numberOfInstances: true, totalBytes: true },
        },
      },
    });
    // Files sent for this study that were not taken (same UID, other bytes), from any of the patient's uploads.
    const problems = await tx.intakeFile.findMany({
      where: { studyInstanceUid: study.studyInstanceUid, outcome: { in: ["CONFLICT", "REJECTED"] }, batch: { patientId: study.patientId } },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, message: true, createdAt: true },
      take: 500,
    });
    const previewable = await seriesWithThumbnails(tx, study.id);
    await recordAuditEvent(tx, { actor, action: "study.view", patientId: study.patientId, studyIds: [study.id], channel: "web" });
    return { ...study, series: study.series.map((series) => ({ ...series, hasThumbnail: previewable.has(series.id) })), sourceLabel: SOURCE_LABELS[study.source], problems };
  }, AUDITED_TRANSACTION);
}

export type StudyDetail = Awaited<ReturnType<typeof openStudy>>;
