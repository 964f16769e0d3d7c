import { currentActor } from "@/lib/auth";
import { signedConsentPdf } from "@/lib/consent/signed-pdf";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { blobStore } from "@/lib/storage";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const refuse = (status: number, text: string) => new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(_request: Request, { params }: RouteContext<"/api/consents/[consentId]/pdf">): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return refuse(401, "Please sign in first.");
  const { consentId } = await params;
  try {
    const { bytes, filename } = await signedConsentPdf(db(), blobStore(), actor, consentId);
    return new Response(bytes as BodyInit, { headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" } });
  } catch (error) {
    // Another patient's consent and one that does not exist look the same.
    if (error instanceof ForbiddenError) return refuse(404, error.userMessage);
    throw error;
  }
}
