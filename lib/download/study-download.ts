import type { Actor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { AppError } from "../errors";
import { authorizeStudy } from "../patients/load";
import type { BlobStore } from "../storage/blob-store";
import { downloadFileName } from "./file-name";
import { studyZip } from "./study-zip";

// A study downloaded as a zip laid out like a CD. The policy decides who may (the patient, desk
// staff of their hospital, a share link that allows it); the disclosure is audited before the first
// byte leaves, with how many files and bytes it covers.

/** The study exists and may be downloaded, but not now (still arriving, or nothing in it yet). */
export class StudyNotDownloadableError extends AppError {
  constructor(userMessage: string) {
    super("study_not_downloadable", 409, userMessage);
  }
}

export type StudyDownload = {
  /** What the browser saves it as. */
  fileName: string;
  /** The zip, streamed: reading it reads the study's files one at a time; cancelling it closes them. */
  stream: ReadableStream<Uint8Array>;
};

const STUDY_FIELDS = {
  patientId: true,
  studyInstanceUid: true,
  description: true,
  studyDate: true,
  studyTime: true,
  modalities: true,
  numberOfSeries: true,
  numberOfInstances: true,
  totalBytes: true,
  status: true,
  missingInstances: true,
  dicomPatientId: true,
} as const;

const INSTANCE_FIELDS = {
  seriesId: true,
  sopInstanceUid: true,
  sopClassUid: true,
  transferSyntaxUid: true,
  instanceNumber: true,
  bytes: true,
  storageKey: true,
  series: { select: { seriesInstanceUid: true, seriesNumber: true, modality: true } },
} as const;

export async function downloadStudy(db: Database, store: BlobStore, actor: Actor, studyId: string): Promise<StudyDownload> {
  const { patientId } = await authorizeStudy(db, actor, "study.download", studyId);
  const { study, instances } = await db.$transaction(async (tx) => {
    const study = await tx.study.findUniqueOrThrow({ where: { id: studyId, patientId }, select: STUDY_FIELDS });
    if (study.status === "RECEIVING") throw new StudyNotDownloadableError("This study is still arriving. It can be downloaded once all its images are in.");
    const instances = await tx.instance.findMany({
      where: { patientId, series: { studyId } },
      // Series as the study page lists them, images in their order within each series.
      orderBy: [{ series: { seriesNumber: { sort: "asc", nulls: "last" } } }, { series: { createdAt: "asc" } }, { seriesId: "asc" }, { instanceNumber: { sort: "asc", nulls: "last" } }, { sopInstanceUid: "asc" }],
      select: INSTANCE_FIELDS,
    });
    if (instances.length === 0) throw new StudyNotDownloadableError("This study holds no images to download yet.");
    const bytes = instances.reduce((sum, instance) => sum + Number(instance.bytes), 0);
    await recordAuditEvent(tx, { actor, action: "study.download", patientId, studyIds: [studyId], channel: actor.kind === "share-recipient" ? "share-link" : "web", detail: { instances: instances.length, bytes } });
    return { study, instances };
  }, AUDITED_TRANSACTION);
  return { fileName: downloadFileName(study), stream: pulledStream(studyZip(store, study, instances)) };
}

/** A web stream (what a Response sends) that pulls each chunk only when the reader wants more. */
function pulledStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
