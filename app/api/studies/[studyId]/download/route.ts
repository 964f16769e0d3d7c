import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { downloadStudy } from "@/lib/download/study-download";
import { AppError, ForbiddenError } from "@/lib/errors";
import { blobStore } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

// A study as a zip laid out like a CD, streamed as it is read (lib/download decides who may have it).
export async function GET(_request: Request, { params }: RouteContext<"/api/studies/[studyId]/download">): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response(null, { status: 401, headers: NO_STORE });
  const { studyId } = await params;
  let download;
  try {
    download = await downloadStudy(db(), blobStore(), actor, studyId);
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
