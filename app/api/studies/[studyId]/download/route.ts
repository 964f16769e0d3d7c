import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { downloadResponse } from "@/lib/download/response";
import { blobStore } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A study as a zip laid out like a CD, streamed as it is read (lib/download decides who may have it).
export async function GET(_request: Request, { params }: RouteContext<"/api/studies/[studyId]/download">): Promise<Response> {
  const { studyId } = await params;
  return downloadResponse(db(), blobStore(), await currentActor(), studyId);
}
