import { db } from "@/lib/db";
import { downloadResponse } from "@/lib/download/response";
import { currentShareRecipient } from "@/lib/shares/current";
import { blobStore } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A shared study as a zip, for a share session whose link allows downloads (the policy decides).
export async function GET(_request: Request, { params }: RouteContext<"/api/share/studies/[studyId]/download">): Promise<Response> {
  const { studyId } = await params;
  return downloadResponse(db(), blobStore(), await currentShareRecipient(), studyId);
}
