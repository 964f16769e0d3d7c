import type { Actor } from "../auth/actor";
import type { Database } from "../db/prisma";
import { AppError, ForbiddenError } from "../errors";
import type { BlobStore } from "../storage/blob-store";
import { downloadStudy } from "./study-download";

// The HTTP answer to a study download, for the patient's own route and a share session's alike.

const NO_STORE = { "Cache-Control": "no-store" };

export async function downloadResponse(db: Database, store: BlobStore, actor: Actor | null, studyId: string): Promise<Response> {
  if (!actor) return new Response(null, { status: 401, headers: NO_STORE });
  let download;
  try {
    download = await downloadStudy(db, store, actor, studyId);
  } catch (error) {
    // Another patient's study and one that does not exist look the same, and nothing is sent.
    if (error instanceof ForbiddenError) return new Response(null, { status: 404, headers: NO_STORE });
    if (error instanceof AppError) return new Response(error.userMessage, { status: error.status, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
  return new Response(download.stream, {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${download.fileName}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
