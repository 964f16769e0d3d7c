import { join } from "node:path";
import { db } from "@/lib/db";
import { serveDicomWeb } from "@/lib/dicomweb/service";
import { env } from "@/lib/env";
import { uploadsDir } from "@/lib/ingest/upload-store";
import { currentShareRecipient } from "@/lib/shares/current";
import { blobStore } from "@/lib/storage";

// DICOMweb for a share session: the same service, reaching only the shared studies (the share
// recipient's actor and the policy see to that). Read-only: the policy gives recipients no upload.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: RouteContext<"/api/share/dicomweb/[...path]">): Promise<Response> {
  const settings = env();
  const { path } = await params;
  return serveDicomWeb(request, path, await currentShareRecipient(), {
    db: db(),
    store: blobStore(),
    baseUrl: `${settings.publicUrl}/api/share/dicomweb`,
    workDir: join(uploadsDir(settings.dataDir), ".work"),
  });
}

export { handle as GET, handle as HEAD };
