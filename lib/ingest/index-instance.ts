import type { IntakeSource } from "../db/generated/enums";
import type { Prisma } from "../db/generated/client";
import type { Database } from "../db/prisma";
import type { Part10Header } from "../dicom/part10-header";
import { dicomDate, personName, text } from "./dicom-values";

type Transaction = Prisma.TransactionClient;

/** Whose holdings an instance joins, and how it came in. */
export type IntakeTarget = {
  batchId: string;
  patientId: string;
  uploadedById: string | null;
  source: IntakeSource;
};

export type StoredInstance = { header: Part10Header; storageKey: string; sha256: string; bytes: number };

export type IndexOutcome = "STORED" | "DUPLICATE" | "CONFLICT";

/** Which file of which upload this is: with the outcome, its IntakeFile row (written in the same transaction). */
export type IntakeFileRef = { uploadId: string; entryName: string; name: string };

export const OUTCOME_MESSAGES = {
  DUPLICATE: "Already in your account: this image was uploaded before, so nothing changed.",
  CONFLICT: "Your account already holds a different image with the same DICOM identifier (SOP Instance UID). The first one was kept and this one was not stored. The imaging department can tell which is right.",
} as const;

/** The IntakeFile row for an instance that was read: stored, already held, or in conflict. */
export function intakeFileRow(target: IntakeTarget, file: IntakeFileRef, instance: Omit<StoredInstance, "storageKey">, outcome: IndexOutcome) {
  return {
    batchId: target.batchId,
    uploadId: file.uploadId,
    entryName: file.entryName,
    name: file.name,
    bytes: instance.bytes,
    outcome,
    code: outcome === "CONFLICT" ? "conflict" : null,
    message: outcome === "STORED" ? null : OUTCOME_MESSAGES[outcome],
    sopInstanceUid: instance.header.sopInstanceUid,
    studyInstanceUid: instance.header.studyInstanceUid,
  };
}

/** What the patient already holds under a SOP Instance UID (null: nothing). */
export async function heldInstance(db: Database, patientId: string, sopInstanceUid: string): Promise<{ sha256: string } | null> {
  return db.instance.findUnique({ where: { patientId_sopInstanceUid: { patientId, sopInstanceUid } }, select: { sha256: true } });
}

export function sameOrConflict(held: { sha256: string }, sha256: string): Exclude<IndexOutcome, "STORED"> {
  return held.sha256 === sha256 ? "DUPLICATE" : "CONFLICT";
}

/**
 * Files one instance under its patient, study and series, and keeps their counts. The study's
 * row is locked first, so instances of one study arriving in parallel queue here and the same
 * UID arriving twice at once is seen as held by the second. The study is marked RECEIVING: it is
 * shown as complete only when its intake batch closes.
 */
export async function indexInstance(db: Database, target: IntakeTarget, file: IntakeFileRef, instance: StoredInstance): Promise<IndexOutcome> {
  return db.$transaction(async (tx) => {
    const outcome = await fileInstance(tx, target, instance);
    await tx.intakeFile.createMany({ data: [intakeFileRow(target, file, instance, outcome)], skipDuplicates: true });
    return outcome;
  });
}

async function fileInstance(tx: Transaction, target: IntakeTarget, instance: StoredInstance): Promise<IndexOutcome> {
  const { header } = instance;
  const { patientId } = target;
  await tx.study.createMany({ data: [studyRow(target, header)], skipDuplicates: true });
  await tx.$executeRaw`
    SELECT 1 FROM "Study" WHERE "patientId" = ${patientId}::uuid AND "studyInstanceUid" = ${header.studyInstanceUid} FOR UPDATE`;
  const study = await tx.study.findUniqueOrThrow({
    where: { patientId_studyInstanceUid: { patientId, studyInstanceUid: header.studyInstanceUid } },
    select: { id: true, modalities: true },
  });

  const held = await tx.instance.findUnique({
    where: { patientId_sopInstanceUid: { patientId, sopInstanceUid: header.sopInstanceUid } },
    select: { sha256: true },
  });
  if (held) return sameOrConflict(held, instance.sha256);

  const newSeries = await tx.series.createMany({
    data: [{
      patientId,
      studyId: study.id,
      seriesInstanceUid: header.seriesInstanceUid,
      modality: text(header.modality),
      seriesNumber: header.seriesNumber ?? null,
      description: text(header.seriesDescription),
      bodyPart: text(header.bodyPartExamined),
    }],
    skipDuplicates: true,
  });
  const series = await tx.series.update({
    where: { patientId_seriesInstanceUid: { patientId, seriesInstanceUid: header.seriesInstanceUid } },
    data: { numberOfInstances: { increment: 1 }, totalBytes: { increment: instance.bytes } },
    select: { id: true },
  });
  await tx.instance.create({
    data: {
      patientId,
      seriesId: series.id,
      sopInstanceUid: header.sopInstanceUid,
      sopClassUid: header.sopClassUid,
      instanceNumber: header.instanceNumber ?? null,
      transferSyntaxUid: header.transferSyntaxUid,
      numberOfFrames: header.numberOfFrames ?? 1,
      rows: header.rows ?? null,
      columns: header.columns ?? null,
      bytes: instance.bytes,
      storageKey: instance.storageKey,
      sha256: instance.sha256,
      source: target.source,
    },
  });
  const modality = text(header.modality);
  await tx.study.update({
    where: { id: study.id },
    data: {
      status: "RECEIVING",
      numberOfInstances: { increment: 1 },
      numberOfSeries: { increment: newSeries.count },
      totalBytes: { increment: instance.bytes },
      ...(modality && !study.modalities.includes(modality) ? { modalities: { push: modality } } : {}),
    },
  });
  return "STORED";
}

function studyRow(target: IntakeTarget, header: Part10Header) {
  return {
    patientId: target.patientId,
    studyInstanceUid: header.studyInstanceUid,
    studyDate: dicomDate(header.studyDate),
    studyTime: text(header.studyTime),
    accessionNumber: text(header.accessionNumber),
    description: text(header.studyDescription),
    referringPhysician: personName(header.referringPhysicianName),
    institutionName: text(header.institutionName),
    dicomPatientName: personName(header.patientName),
    dicomPatientId: text(header.patientId),
    dicomBirthDate: dicomDate(header.patientBirthDate),
    status: "RECEIVING" as const,
    source: target.source,
    uploadedById: target.uploadedById,
  };
}
