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
import { ingestUpload } from "@/lib/ingest/upload";
import { displayName, finishedUpload, removeUpload, uploadFileStore, uploadMetadata, uploadsDir } from "@/lib/ingest/upload-store";
import { blobStore } from "@/lib/storage";

// The tus 1.0.0 endpoint. Every request is from a signed-in user; an upload is created only
// into an intake batch of theirs, and only its owner may resume, read or end it. A finished
// upload is ingested before the last PATCH is answered, and the answer carries each file's outcome.
// Carrier's own server calls this directly (scripts/boot/direct-routes.ts): it reads nothing from
// Next's request context, and every upload request goes to this one module's server and its locks.

export const UPLOADS_PATH = "/api/uploads";
// A whole DVD fits; larger media are sent as their files.
const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

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
    async onUploadFinish(request: Request, upload: Upload) {
      try {
        const results = await finishIngest(actorOf(request), upload);
        // A whole file sent with its creation request (POST) must still be answered 201 with its Location.
        return { status_code: request.method === "POST" ? 201 : 200, headers: { "Content-Type": "application/json" }, body: resultsJson(results) };
      } catch (error) {
        throw asTusError(error);
      }
    },
  });

  // One ingest per upload at a time: the request that finished it and a HEAD after a cut
  // connection can both ask; the second waits for the first.
  const ingesting = new Map<string, Promise<IntakeFileResult[]>>();
  function finishIngest(actor: UserActor, upload: Upload): Promise<IntakeFileResult[]> {
    let running = ingesting.get(upload.id);
    if (!running) {
      running = (async () => {
        const target = await batchTarget(db(), actor, uploadMetadata(upload).batchId ?? "");
        const results = await ingestUpload(db(), blobStore(), target, finishedUpload(store, upload), join(uploadsDir(settings.dataDir), ".work"));
        await removeUpload(store, upload.id);
        return results;
      })().finally(() => ingesting.delete(upload.id));
      ingesting.set(upload.id, running);
    }
    return running;
  }
  return { server, store, finishIngest };
}

function resultsJson(results: IntakeFileResult[]): string {
  return JSON.stringify({ results }, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value));
}

let instance: ReturnType<typeof createServer> | undefined;

function uploadServer() {
  instance ??= createServer();
  return instance;
}

/** The upload id in /api/uploads/<id>, or null for the creation URL. */
function uploadIdOf(request: Request): string | null {
  const rest = new URL(request.url).pathname.slice(UPLOADS_PATH.length).replace(/^\/+/, "");
  return rest === "" ? null : rest;
}

async function ownUpload(id: string, actor: UserActor): Promise<Upload | null> {
  try {
    const upload = await uploadServer().store.getUpload(id);
    return uploadMetadata(upload).owner === actor.userId ? upload : null;
  } catch {
    return null;
  }
}

/** A HEAD answer for an upload that is whole: the browser then asks GET for its outcome. */
const completeUpload = (size: number) =>
  new Response(null, { headers: { "Tus-Resumable": "1.0.0", "Upload-Offset": String(size), "Upload-Length": String(size), "Cache-Control": "no-store" } });

const plain = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "Tus-Resumable": "1.0.0", "Cache-Control": "no-store" } });

export async function handleUpload(request: Request): Promise<Response> {
  const { server } = uploadServer();
  if (request.method === "OPTIONS") return server.handleWeb(request);
  const actor = await actorOfRequest(request.headers);
  if (!actor) return plain(401, "Please sign in first.");
  const id = uploadIdOf(request);
  // What became of an upload's files, after the answer to its last request was lost.
  if (request.method === "GET" && id !== null) {
    const results = await uploadResults(db(), actor, id);
    return results.length > 0 ? new Response(resultsJson(results), { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } }) : plain(404, "This upload does not exist.");
  }
  let upload: Upload | null = null;
  if (id !== null && !(upload = await ownUpload(id, actor))) {
    // Ingested and removed, but the answer was lost with a cut connection: it is complete.
    const size = request.method === "HEAD" ? await ingestedUploadBytes(db(), actor, id) : null;
    if (size !== null) return completeUpload(size);
    // Someone else's upload answers exactly like one that does not exist.
    return plain(404, "This upload does not exist.");
  }
  // Whole but not yet ingested: the connection was cut as its last bytes arrived. Ingest it now,
  // then tell the browser it is complete (it asks GET for the outcome).
  if (request.method === "HEAD" && upload && upload.size !== undefined && upload.offset === upload.size) {
    try {
      await uploadServer().finishIngest(actor, upload);
    } catch (error) {
      const tus = asTusError(error);
      if (tus instanceof TusError) return plain(tus.status_code, tus.message);
      throw error;
    }
    return completeUpload(upload.size);
  }
  actors.set(request, actor);
  return server.handleWeb(request);
}
