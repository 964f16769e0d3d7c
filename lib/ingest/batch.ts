import { z } from "zod";
import type { Actor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { AuditTransaction } from "../audit/record";
import type { Database } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { authorizePatient } from "../patients/load";
import { isUuid } from "../patients/resource";
import type { IntakeTarget } from "./index-instance";
import { RESULT_FIELDS } from "./ingest-file";
import type { IntakeFileResult } from "./ingest-file";
import { settleStudyTotals } from "./study-totals";

// An intake batch is one sitting of the upload page. It is opened with what the browser found in
// the picked files, receives files (ingest), and is closed when the sending ends: then each study
// it touched is marked complete, or incomplete with its missing instances listed, and audited.

// Looser than lib/dicom/uid's isDicomUid on purpose: real CDs carry UIDs with leading zeros or a
// few characters too many (pydicom's badVR.dcm has one), and one such file must not refuse the
// whole upload. Digits and dots, bounded, is all the manifest needs.
const LENIENT_DICOM_UID = /^[0-9]+(\.[0-9]+)*$/;
const uid = z.string().max(128).regex(LENIENT_DICOM_UID);

export const MAX_EXPECTED_INSTANCES = 50_000;

const expectedSchema = z
  .array(z.object({ studyInstanceUid: uid, sopInstanceUid: uid }))
  .max(MAX_EXPECTED_INSTANCES, `One upload can hold at most ${MAX_EXPECTED_INSTANCES} images; send the rest in another upload.`);

export type ExpectedInstance = z.infer<typeof expectedSchema>[number];

/** Opens a batch for the actor to upload into the patient's holdings. */
export async function openBatch(db: Database, actor: Actor, patientId: string, expected: readonly ExpectedInstance[]): Promise<{ id: string }> {
  const sender = actor.kind === "user" ? { uploadedById: actor.userId } : actor.kind === "api-key" ? { apiKeyId: actor.apiKeyId } : null;
  if (!sender) throw new ForbiddenError();
  await authorizePatient(db, actor, "study.upload", patientId);
  const parsed = expectedSchema.safeParse(expected);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "The list of images found in the files is not valid.");
  const unique = [...new Map(parsed.data.map((item) => [item.sopInstanceUid, item])).values()];
  return db.$transaction(async (tx) => {
    const batch = await tx.intakeBatch.create({ data: { patientId, ...sender }, select: { id: true } });
    await tx.intakeExpectedInstance.createMany({ data: unique.map((item) => ({ batchId: batch.id, ...item })) });
    return batch;
  });
}

/** Adds what the browser expects to send to an open batch (de-identified uploads know their new UIDs only once the batch exists). */
export async function expectInstances(db: Database, actor: Actor, batchId: string, expected: readonly ExpectedInstance[]): Promise<void> {
  const target = await batchTarget(db, actor, batchId);
  const parsed = expectedSchema.safeParse(expected);
  if (!parsed.success) throw new InvalidInputError(parsed.error.issues[0]?.message ?? "The list of images found in the files is not valid.");
  await db.intakeExpectedInstance.createMany({ data: parsed.data.map((item) => ({ batchId: target.batchId, ...item })), skipDuplicates: true });
}

/** Whose batches the actor may send into: its own (a person's or a system key's); Carrier itself, any. */
function senderFilter(actor: Actor) {
  switch (actor.kind) {
    case "user":
      return { uploadedById: actor.userId };
    case "api-key":
      return { apiKeyId: actor.apiKeyId };
    case "system":
      return {};
    case "share-recipient":
      return null;
  }
}

/**
 * The target for files sent into a batch: only its sender may send into it (a system's key only
 * into the batches its own STOW-RS requests opened), only while it is open, and only while they
 * may still upload for its patient. Unknown ids are refused alike.
 */
export async function batchTarget(db: Database, actor: Actor, batchId: string): Promise<IntakeTarget> {
  const sender = senderFilter(actor);
  if (!sender || !isUuid(batchId)) throw new ForbiddenError();
  const batch = await db.intakeBatch.findFirst({
    where: { id: batchId, ...sender },
    select: { id: true, patientId: true, status: true, uploadedById: true },
  });
  if (!batch) throw new ForbiddenError();
  await authorizePatient(db, actor, "study.upload", batch.patientId);
  if (batch.status !== "OPEN") throw new InvalidInputError("This upload has already finished. Start a new one to add more images.");
  return { batchId: batch.id, patientId: batch.patientId, uploadedById: batch.uploadedById, source: "UPLOAD" };
}

/** The names of the files that already arrived in a batch (each file's path as the browser gave it). */
export async function receivedFiles(db: Database, actor: Actor, batchId: string): Promise<string[]> {
  const target = await batchTarget(db, actor, batchId);
  const files = await db.intakeFile.findMany({ where: { batchId: target.batchId }, select: { name: true }, distinct: ["name"] });
  return files.map((file) => file.name);
}

/** The recorded outcomes of one of the actor's uploads (empty for anyone else's, or an unknown id). */
export async function uploadResults(db: Database, actor: Actor, uploadId: string): Promise<IntakeFileResult[]> {
  if (actor.kind !== "user") throw new ForbiddenError();
  return db.intakeFile.findMany({
    where: { uploadId, batch: { uploadedById: actor.userId } },
    orderBy: { createdAt: "asc" },
    select: RESULT_FIELDS,
  });
}

/** The size of one of the actor's uploads that was ingested and is gone from the upload area, or null. */
export async function ingestedUploadBytes(db: Database, actor: Actor, uploadId: string): Promise<number | null> {
  if (actor.kind !== "user") throw new ForbiddenError();
  const file = await db.intakeFile.findFirst({ where: { uploadId, uploadBytes: { not: null }, batch: { uploadedById: actor.userId } }, select: { uploadBytes: true } });
  return file?.uploadBytes === null || file === null ? null : Number(file.uploadBytes);
}

export type ClosedStudy = { studyId: string; status: "COMPLETE" | "INCOMPLETE"; missing: string[] };

/**
 * Closes a batch: each study it touched becomes COMPLETE, or INCOMPLETE with the instances the
 * browser found but that never arrived, and the upload is audited once per study. Closing a
 * closed batch changes nothing.
 */
export async function closeBatch(db: Database, actor: Actor, batchId: string, channel: "web" | "dicomweb" = "web"): Promise<ClosedStudy[]> {
  const target = await batchTarget(db, actor, batchId).catch((error: unknown) => {
    if (error instanceof InvalidInputError) return null;
    throw error;
  });
  if (!target) return [];
  return db.$transaction(async (tx) => {
    // The row lock makes a second close (another tab, a retry) wait and then see CLOSED.
    const [batch] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "IntakeBatch" WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (batch?.status !== "OPEN") return [];
    const closed = await settleStudies(tx, target);
    for (const study of closed) {
      await recordAuditEvent(tx, {
        actor,
        action: "study.upload",
        patientId: target.patientId,
        studyIds: [study.studyId],
        channel,
        entityType: "IntakeBatch",
        entityId: batchId,
        detail: { stored: study.stored, alreadyHeld: study.duplicates, conflicts: study.conflicts, missing: study.missing.length },
      });
    }
    await tx.intakeBatch.update({ where: { id: batchId }, data: { status: "CLOSED", closedAt: new Date() } });
    return closed.map(({ studyId, status, missing }) => ({ studyId, status, missing }));
  }, AUDITED_TRANSACTION);
}

async function settleStudies(tx: AuditTransaction, target: IntakeTarget) {
  const files = await tx.intakeFile.groupBy({
    by: ["studyInstanceUid", "outcome"],
    where: { batchId: target.batchId, studyInstanceUid: { not: null } },
    _count: { _all: true },
  });
  const expected = await tx.intakeExpectedInstance.findMany({ where: { batchId: target.batchId }, select: { studyInstanceUid: true, sopInstanceUid: true } });
  const studyUids = [...new Set([...files.map((file) => file.studyInstanceUid!), ...expected.map((item) => item.studyInstanceUid)])];
  const studies = await tx.study.findMany({ where: { patientId: target.patientId, studyInstanceUid: { in: studyUids } }, select: { id: true, studyInstanceUid: true } });

  const settled = [];
  for (const study of studies) {
    const wanted = expected.filter((item) => item.studyInstanceUid === study.studyInstanceUid).map((item) => item.sopInstanceUid);
    const present = await tx.instance.findMany({
      where: { patientId: target.patientId, sopInstanceUid: { in: wanted } },
      select: { sopInstanceUid: true },
    });
    const presentUids = new Set(present.map((instance) => instance.sopInstanceUid));
    const missing = wanted.filter((sop) => !presentUids.has(sop));
    const status = missing.length > 0 ? ("INCOMPLETE" as const) : ("COMPLETE" as const);
    await settleStudyTotals(tx, study.id);
    await tx.study.update({ where: { id: study.id }, data: { status, missingInstances: missing } });
    const count = (outcome: string) =>
      files.find((file) => file.studyInstanceUid === study.studyInstanceUid && file.outcome === outcome)?._count._all ?? 0;
    settled.push({ studyId: study.id, status, missing, stored: count("STORED"), duplicates: count("DUPLICATE"), conflicts: count("CONFLICT") });
  }
  return settled;
}

export type UploadContext = {
  holder: { givenName: string; familyName: string; birthDate: string };
  /** The actor's latest unfinished upload for this patient, which picking the same files continues. */
  unfinished: { id: string; startedAt: Date; expected: number; received: number } | null;
};

/** What the upload page needs: whose account the images join (to spot another person's images), and an upload to continue. */
export async function uploadContext(db: Database, actor: Actor, patientId: string): Promise<UploadContext> {
  if (actor.kind !== "user") throw new ForbiddenError();
  const resource = await authorizePatient(db, actor, "study.upload", patientId);
  const patient = await db.$transaction(async (tx) => {
    const found = await tx.patient.findUniqueOrThrow({ where: { id: patientId }, select: { givenName: true, familyName: true, birthDate: true } });
    // Staff uploading for a patient see their name and birth date: a disclosure, as on the patient's page.
    if (resource.accountUserId !== actor.userId) await recordAuditEvent(tx, { actor, action: "patient.view", patientId, channel: "web" });
    return found;
  }, AUDITED_TRANSACTION);
  const batch = await db.intakeBatch.findFirst({
    where: { patientId, uploadedById: actor.userId, status: "OPEN" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, _count: { select: { expected: true, files: true } } },
  });
  return {
    holder: { givenName: patient.givenName, familyName: patient.familyName, birthDate: patient.birthDate.toISOString().slice(0, 10) },
    unfinished: batch ? { id: batch.id, startedAt: batch.createdAt, expected: batch._count.expected, received: batch._count.files } : null,
  };
}
