import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { blobStore } from "@/lib/storage";
import { seriesThumbnail } from "@/lib/studies/thumbnail";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });

export async function GET(request: Request, { params }: RouteContext<"/api/studies/[studyId]/series/[seriesId]/thumbnail">): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return new Response(null, { status: 401 });
  const { studyId, seriesId } = await params;
  let thumbnail;
  try {
    thumbnail = await seriesThumbnail(db(), blobStore(), actor, studyId, seriesId);
  } catch (error) {
    // Another patient's series and one that does not exist look the same.
    if (error instanceof ForbiddenError) return notFound();
    throw error;
  }
  if (!thumbnail) return notFound();
  // Named by the image's SHA-256: the same URL always gives the same picture.
  const headers = { "Content-Type": thumbnail.mediaType, "Cache-Control": "private, max-age=86400", ETag: thumbnail.etag };
  if (request.headers.get("if-none-match") === thumbnail.etag) return new Response(null, { status: 304, headers });
  return new Response(thumbnail.body as BodyInit, { headers });
}
