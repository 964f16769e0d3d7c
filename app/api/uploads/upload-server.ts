import "server-only";
import { join } from "node:path";
import { Server } from "@tus/server";
import type { Upload } from "@tus/utils";
import type { UserActor } from "@/lib/auth/actor";
import { actorOfRequest } from "@/lib/auth/request-actor";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { batchTarget, ingestedUploadBytes, uploadResults } from "@/lib/ingest/batch";
import type { IntakeFileResult } from "@/lib/ingest/ingest-file";
import { ingestQueue } from "@/lib/ingest/ingest-queue";
import { ingestUpload } from "@/lib/ingest/upload";
import { displayName, finishedUpload, isWhole, removeUpload, uploadFileStore, uploadMetadata, uploadsDir } from "@/lib/ingest/upload-store";
import { blobStore } from "@/lib/storage";
import { MAX_WAITED_UPLOADS } from "@/components/upload/send/upload-outcomes";
import { settledUploads } from "./settled-uploads";

// The tus 1.0.0 endpoint. Every request is from a signed-in user; an upload is created only
// into an intake batch of theirs, and only its owner may resume, read or end it. The request that
// brings an upload's last bytes is answered once they are written; the upload is then ingested
// in the background (lib/ingest/ingest-queue.ts), and the page asks what became of its files
// with GET /api/uploads?ids=… (settled-uploads.ts). Carrier's own server calls this directly
// (scripts/boot/direct-routes.ts): it reads nothing from Next's request context, and every
// upload request goes to this one module's server and its locks.

export const UPLOADS_PATH = "/api/uploads";
// A whole DVD fits; larger media are sent as their files.
const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
// Ingests at once: on two cores, bench:ingest's ratio was 0.93 to 1.00 with three (0.94 to 1.09
// with two, 1.03 with one, 0.94 with four); more would only share the same CPU and memory.
const INGEST_SLOTS = 3;
// How long a request for outcomes waits for one to settle before the page asks again.
const OUTCOME_WAIT_MS = 20_000;

const actors = new WeakMap<Request, UserActor>();

/** @tus/server answers a thrown error with its status_code and body; the body carries the user's sentence. */
class TusError extends Error {
  readonly status_code: number;
  readonly body: string;

  constructor(status: number, message: string) {
    super(message);
    this.status_code = status;
    this.body = JSON.stringify({ error: message });
  }
}

const tusError = (status: number, message: string) => new TusError(status, message);

function asTusError(error: unknown): unknown {
  return error instanceof AppError ? tusError(error.status, error.userMessage) : error;
}

function actorOf(request: Request): UserActor {
  const actor = actors.get(request);
  if (!actor) throw tusError(401, "Please sign in first.");
  return actor;
}

function createServer() {
  const settings = env();
  const store = uploadFileStore(settings.dataDir);
  const server = new Server({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: MAX_UPLOAD_BYTES,
    // The app's own origin only: the browser sends cookies, so no cross-origin uploads.
    allowedOrigins: [new URL(settings.publicUrl).origin],
    allowedCredentials: true,
    relativeLocation: true,
    async onUploadCreate(request: Request, upload: Upload) {
      const actor = actorOf(request);
      const metadata = uploadMetadata(upload);
      try {
        await batchTarget(db(), actor, metadata.batchId ?? "");
      } catch (error) {
        throw asTusError(error);
      }
      return { metadata: { batchId: metadata.batchId!, filename: displayName(metadata.filename), kind: metadata.kind!, owner: actor.userId } };
    },
    onUploadFinish(request: Request, upload: Upload) {
      // Not flushed to disk: ingest writes each image for good and then removes the upload, whose
      // bytes mostly never reach the disk at all. Should the power fail first, the upload is as
      // long as what did reach the disk, and the browser, which keeps the upload's address until
      // it has the outcomes, sends the rest again.
      ingestInBackground(actorOf(request), upload);
      return Promise.resolve({});
    },
  });

  const queue = ingestQueue<IntakeFileResult[]>(INGEST_SLOTS);
  /** Ingests a whole upload, or joins its ingest if it is waiting or under way. */
  function ingest(actor: UserActor, upload: Upload): Promise<IntakeFileResult[]> {
    return queue.run(upload.id, async () => {
      // Checked again when its turn comes: the uploader may have lost the right to upload meanwhile.
      const target = await batchTarget(db(), actor, uploadMetadata(upload).batchId ?? "");
      const results = await ingestUpload(db(), blobStore(), target, finishedUpload(store, upload), join(uploadsDir(settings.dataDir), ".work"));
      await removeUpload(store, upload.id);
      return results;
    });
  }
  // Nobody waits on it yet: a failure is logged, and the page's request for outcomes tries again.
  function ingestInBackground(actor: UserActor, upload: Upload): void {
    ingest(actor, upload).catch((error: unknown) => {
      if (!(error instanceof AppError)) console.error(`Ingest of upload ${upload.id} failed:`, error);
    });
  }
  return { server, store, ingest, ingestInBackground };
}

let instance: ReturnType<typeof createServer> | undefined;

function uploadServer() {
  instance ??= createServer();
  return instance;
}

// Upload ids are what @tus/server makes (16 random bytes in hex); anything else names no upload.
const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** The upload id in /api/uploads/<id>, or null for the creation URL. */
function uploadIdOf(request: Request): string | null {
  const rest = new URL(request.url).pathname.slice(UPLOADS_PATH.length).replace(/^\/+/, "");
  return rest === "" ? null : rest;
}

async function ownUpload(id: string, actor: UserActor): Promise<Upload | null> {
  if (!UPLOAD_ID.test(id)) return null;
  try {
    const upload = await uploadServer().store.getUpload(id);
    return uploadMetadata(upload).owner === actor.userId ? upload : null;
  } catch {
    return null;
  }
}

/** A HEAD answer for an upload that is whole: the page then asks for its outcomes. */
const completeUpload = (size: number) =>
  new Response(null, { headers: { "Tus-Resumable": "1.0.0", "Upload-Offset": String(size), "Upload-Length": String(size), "Cache-Control": "no-store" } });

const plain = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "Tus-Resumable": "1.0.0", "Cache-Control": "no-store" } });

/** GET /api/uploads?ids=a,b,c: the outcomes of those of the actor's uploads that are settled, waiting a while for one. */
async function outcomes(request: Request, actor: UserActor): Promise<Response> {
  const ids = (new URL(request.url).searchParams.get("ids") ?? "").split(",").filter(Boolean);
  if (ids.length === 0 || ids.length > MAX_WAITED_UPLOADS) return plain(400, `Ask for between 1 and ${MAX_WAITED_UPLOADS} uploads at a time.`);
  const { ingest } = uploadServer();
  const lookup = {
    ownUpload: (id: string) => ownUpload(id, actor),
    ingest: (upload: Upload) => ingest(actor, upload),
    // Only an upload ingested to its end: start-up removes a whole upload whose batch has closed
    // without ingesting it, and the outcomes an interrupted ingest recorded are not all there are.
    recorded: async (id: string) => (UPLOAD_ID.test(id) && (await ingestedUploadBytes(db(), actor, id)) !== null ? uploadResults(db(), actor, id) : []),
  };
  const settled = await settledUploads(lookup, ids, OUTCOME_WAIT_MS, request.signal);
  return new Response(JSON.stringify({ settled }), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}

export async function handleUpload(request: Request): Promise<Response> {
  const { server, ingestInBackground } = uploadServer();
  if (request.method === "OPTIONS") return server.handleWeb(request);
  const actor = await actorOfRequest(request.headers);
  if (!actor) return plain(401, "Please sign in first.");
  const id = uploadIdOf(request);
  if (request.method === "GET") return id === null ? outcomes(request, actor) : plain(405, "Uploads are not read back.");
  let upload: Upload | null = null;
  if (id !== null && !(upload = await ownUpload(id, actor))) {
    // Ingested and removed, but the answer was lost with a cut connection: it is complete.
    const size = request.method === "HEAD" ? await ingestedUploadBytes(db(), actor, id) : null;
    if (size !== null) return completeUpload(size);
    // Someone else's upload answers exactly like one that does not exist.
    return plain(404, "This upload does not exist.");
  }
  // Whole but not ingested (the connection was cut as its last bytes arrived, or the ingest
  // failed): ingest it, and tell the browser at once that it is complete.
  if (request.method === "HEAD" && upload && isWhole(upload)) {
    ingestInBackground(actor, upload);
    return completeUpload(upload.size!);
  }
  actors.set(request, actor);
  return server.handleWeb(request);
}
