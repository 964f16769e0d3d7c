import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import type { Actor } from "../auth/actor";
import { DicomFileError } from "../dicom/part10-header";
import { ForbiddenError } from "../errors";
import { batchTarget, closeBatch, openBatch } from "../ingest/batch";
import { examineFile, MAX_INSTANCE_BYTES } from "../ingest/examine-file";
import type { ExaminedFile } from "../ingest/examine-file";
import type { IntakeTarget } from "../ingest/index-instance";
import { ingestFile } from "../ingest/ingest-file";
import { reachableStudy } from "./access";
import { put } from "./json-model";
import type { JsonDataset } from "./json-model";
import { boundaryOf, readMultipart } from "./multipart-reader";
import type { IncomingPart } from "./multipart-reader";
import type { DicomWebContext } from "./service";
import { resourceUrls } from "./urls";

// STOW-RS (PS3.18 10.5): instances sent in one multipart/related request are each checked and
// filed like an upload (one intake batch per patient, closed and audited at the end), and each
// gets its own line in the response: a bad part fails alone and the good ones are kept.

// Failure reasons (PS3.18 Table 10.5.3-2; PS3.4 Annex GG).
const PROCESSING_FAILURE = 0x0110;
const DUPLICATE_SOP_INSTANCE = 0x0111;
const CANNOT_UNDERSTAND = 0xc000;

type Outcome =
  | { ok: true; sopClassUid: string; sopInstanceUid: string; studyInstanceUid: string; seriesInstanceUid: string }
  | { ok: false; sopClassUid?: string; sopInstanceUid?: string; reason: number; words: string };

function refused(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** Writes one part to a file, measuring its SHA-256 on the way; refuses parts larger than an instance can be. */
async function savePart(part: IncomingPart, file: string): Promise<string> {
  const handle = await open(file, "wx", 0o600);
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of part.body) {
      bytes += chunk.byteLength;
      if (bytes > MAX_INSTANCE_BYTES) throw new DicomFileError("not_dicom", "This part is larger than 4 GB, far larger than a DICOM instance.");
      hash.update(chunk);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return hash.digest("hex");
}

/**
 * Who the instance belongs to: the patient whose study the request names, the patient's own
 * account, or the patient registered at the sender's organization under the instance's Patient ID
 * (a system cannot create patients by sending images: the desk registers them).
 */
async function patientFor(actor: Actor, examined: ExaminedFile, context: DicomWebContext, requestStudy: string | null): Promise<string | null> {
  if (requestStudy) return requestStudy;
  if (actor.kind === "user" && actor.role === "PATIENT") return actor.patientId;
  const organizationId = actor.kind === "api-key" || actor.kind === "user" ? actor.organizationId : null;
  if (!organizationId || !examined.header.patientId) return null;
  const identifier = await context.db.patientIdentifier.findFirst({
    where: { organizationId, value: examined.header.patientId },
    select: { patientId: true },
  });
  return identifier?.patientId ?? null;
}

export async function storeInstances(request: Request, resource: { studyUid?: string }, actor: Actor, context: DicomWebContext): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  const boundary = boundaryOf(contentType);
  const type = /;\s*type="?([^";]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
  if (!/^multipart\/related\s*;/i.test(contentType) || !boundary || (type && type !== "application/dicom")) {
    return refused(415, 'Send instances as multipart/related; type="application/dicom" with a boundary.');
  }
  // Node's web streams are async iterable; the DOM typings do not say so.
  if (!request.body) return refused(400, "The request has no body.");
  // People and imaging systems store; what a share link opens is read-only.
  if (actor.kind !== "user" && actor.kind !== "api-key") throw new ForbiddenError();

  // A request for one study stores into the holdings that hold it, when the caller may upload there.
  const requestStudy = resource.studyUid ? await reachableStudy(context.db, actor, "study.upload", resource.studyUid).then((study) => study.patientId).catch(() => null) : null;
  const workDir = path.join(context.workDir, `stow-${randomUUID()}`);
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  const targets = new Map<string, IntakeTarget | null>();
  const outcomes: Outcome[] = [];
  try {
    let index = 0;
    for await (const part of readMultipart(request.body as unknown as AsyncIterable<Uint8Array>, boundary)) {
      const file = path.join(workDir, String(index++));
      outcomes.push(await storePart(part, file, actor, context, resource.studyUid, requestStudy, targets));
      await rm(file, { force: true });
    }
  } finally {
    for (const target of targets.values()) if (target) await closeBatch(context.db, actor, target.batchId, "dicomweb");
    await rm(workDir, { recursive: true, force: true });
  }
  return stowResponse(outcomes, resource.studyUid, context.baseUrl);
}

async function storePart(
  part: IncomingPart,
  file: string,
  actor: Actor,
  context: DicomWebContext,
  studyUid: string | undefined,
  requestStudy: string | null,
  targets: Map<string, IntakeTarget | null>,
): Promise<Outcome> {
  const partType = part.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  let examined: ExaminedFile;
  try {
    const sha256 = await savePart(part, file);
    if (partType && partType !== "application/dicom") return { ok: false, reason: CANNOT_UNDERSTAND, words: `Parts must be application/dicom, not ${partType}.` };
    examined = await examineFile(file, sha256);
  } catch (error) {
    if (error instanceof DicomFileError) return { ok: false, reason: CANNOT_UNDERSTAND, words: error.userMessage };
    throw error;
  }
  const { header } = examined;
  const ids = { sopClassUid: header.sopClassUid, sopInstanceUid: header.sopInstanceUid };
  if (studyUid && header.studyInstanceUid !== studyUid) {
    return { ok: false, ...ids, reason: PROCESSING_FAILURE, words: `This instance belongs to study ${header.studyInstanceUid}, not to the study this request stores into.` };
  }
  const patientId = await patientFor(actor, examined, context, requestStudy);
  if (!patientId) return { ok: false, ...ids, reason: PROCESSING_FAILURE, words: "No patient you may store images for has this Patient ID. Register the patient first." };
  if (!targets.has(patientId)) {
    const batch = await openBatch(context.db, actor, patientId, []).catch((error: unknown) => {
      if (error instanceof ForbiddenError) return null;
      throw error;
    });
    targets.set(patientId, batch ? { ...(await batchTarget(context.db, actor, batch.id)), source: "DICOMWEB_STOW" } : null);
  }
  const target = targets.get(patientId);
  if (!target) return { ok: false, ...ids, reason: PROCESSING_FAILURE, words: "You may not store images for this patient." };

  const result = await ingestFile(context.db, context.store, target, { uploadId: randomUUID(), entryName: "", name: header.sopInstanceUid, path: file }, { sha256: examined.sha256, checkRecorded: false });
  if (result.outcome === "CONFLICT") return { ok: false, ...ids, reason: DUPLICATE_SOP_INSTANCE, words: result.message ?? "A different instance with this SOP Instance UID is already held." };
  if (result.outcome === "REJECTED") return { ok: false, ...ids, reason: CANNOT_UNDERSTAND, words: result.message ?? "This instance could not be read." };
  return { ok: true, ...ids, studyInstanceUid: header.studyInstanceUid, seriesInstanceUid: header.seriesInstanceUid };
}

function stowResponse(outcomes: readonly Outcome[], studyUid: string | undefined, baseUrl: string): Response {
  const urls = resourceUrls(baseUrl);
  const stored: JsonDataset[] = [];
  const failed: JsonDataset[] = [];
  for (const outcome of outcomes) {
    const item: JsonDataset = {};
    put(item, "00081150", "UI", outcome.sopClassUid);
    put(item, "00081155", "UI", outcome.sopInstanceUid);
    if (outcome.ok) {
      put(item, "00081190", "UR", urls.instance(outcome.studyInstanceUid, outcome.seriesInstanceUid, outcome.sopInstanceUid));
      stored.push(item);
    } else {
      put(item, "00081197", "US", outcome.reason);
      // Not a standard attribute of the item, but the words say what a code cannot.
      put(item, "00000902", "LO", outcome.words);
      failed.push(item);
    }
  }
  const response: JsonDataset = {};
  const studies = new Set(outcomes.flatMap((outcome) => (outcome.ok ? [outcome.studyInstanceUid] : [])));
  const onlyStudy = studyUid ?? (studies.size === 1 ? [...studies][0] : undefined);
  if (onlyStudy && stored.length > 0) put(response, "00081190", "UR", urls.study(onlyStudy));
  if (failed.length > 0) response["00081198"] = { vr: "SQ", Value: failed };
  if (stored.length > 0) response["00081199"] = { vr: "SQ", Value: stored };
  // PS3.18 10.5.3: all stored 200, some 202, none 409 (400 when nothing could be read at all).
  const status = failed.length === 0 ? 200 : stored.length > 0 ? 202 : outcomes.length > 0 ? 409 : 400;
  return new Response(JSON.stringify(response), { status, headers: { "Content-Type": "application/dicom+json", "Cache-Control": "no-store" } });
}
