import { DICOMWEB_MOUNTS, dicomWebContext } from "@/lib/dicomweb/mounts";
import { serveDicomWeb } from "@/lib/dicomweb/service";
import { currentShareRecipient } from "@/lib/shares/current";

// DICOMweb for a share session: the same service, reaching only the shared studies (the share
// recipient's actor and the policy see to that). Read-only: the policy gives recipients no upload.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: RouteContext<"/api/share/dicomweb/[...path]">): Promise<Response> {
  const { path } = await params;
  return serveDicomWeb(request, path, await currentShareRecipient(), dicomWebContext(DICOMWEB_MOUNTS.share));
}

export { handle as GET, handle as HEAD };
