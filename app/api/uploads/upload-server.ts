import "server-only";
import { join } from "node:path";
import { Server } from "@tus/server";
import type { Upload } from "@tus/utils";
import type { UserActor } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { batchTarget } from "@/lib/ingest/batch";
import { ingestUpload } from "@/lib/ingest/upload";
import { displayName, finishedUpload, removeUpload, uploadFileStore, uploadMetadata, uploadsDir } from "@/lib/ingest/upload-store";
import { blobStore } from "@/lib/storage";

// The tus 1.0.0 endpoint. Every request is from a signed-in user; an upload is created only
// into an intake batch of theirs, and only its owner may resume, read or end it. A finished
// upload is ingested before the last PATCH is answered, and the answer carries each file's outcome.

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
      const actor = actorOf(request);
      try {
        const target = await batchTarget(db(), actor, uploadMetadata(upload).batchId ?? "");
        const results = await ingestUpload(db(), blobStore(), target, finishedUpload(store, upload), join(uploadsDir(settings.dataDir), ".work"));
        await removeUpload(store, upload.id);
        const body = JSON.stringify({ results }, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value));
        // A whole file sent with its creation request (POST) must still be answered 201 with its Location.
        return { status_code: request.method === "POST" ? 201 : 200, headers: { "Content-Type": "application/json" }, body };
      } catch (error) {
        throw asTusError(error);
      }
    },
  });
  return { server, store };
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

async function isOwner(id: string, actor: UserActor): Promise<boolean> {
  try {
    const upload = await uploadServer().store.getUpload(id);
    return uploadMetadata(upload).owner === actor.userId;
  } catch {
    return false;
  }
}

const plain = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { "Tus-Resumable": "1.0.0", "Cache-Control": "no-store" } });

export async function handleUpload(request: Request): Promise<Response> {
  const { server } = uploadServer();
  if (request.method === "OPTIONS") return server.handleWeb(request);
  const actor = await currentActor();
  if (!actor) return plain(401, "Please sign in first.");
  const id = uploadIdOf(request);
  // Someone else's upload answers exactly like one that does not exist.
  if (id !== null && !(await isOwner(id, actor))) return plain(404, "This upload does not exist.");
  actors.set(request, actor);
  return server.handleWeb(request);
}
