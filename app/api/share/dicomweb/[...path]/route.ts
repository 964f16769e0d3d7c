import { DICOMWEB_MOUNTS, dicomWebContext } from "@/lib/dicomweb/mounts";
import { serveDicomWeb } from "@/lib/dicomweb/service";
import { shareRecipientOf } from "@/lib/shares/recipient-of-request";

// DICOMweb for a share session: the same service, reaching only the shared studies (the share
// recipient's actor and the policy see to that). Read-only: the policy gives recipients no upload.
// Carrier's own server calls this handler directly (scripts/boot/direct-routes.ts): it reads
// nothing from Next's request context, only the request.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: RouteContext<"/api/share/dicomweb/[...path]">): Promise<Response> {
  const { path } = await params;
  return serveDicomWeb(request, path, await shareRecipientOf(request.headers), dicomWebContext(DICOMWEB_MOUNTS.share));
}

export { handle as GET, handle as HEAD };
