import { actorFromAuthorization } from "@/lib/api-keys/authenticate";
import { clientInfo } from "@/lib/auth/client-info";
import { actorOfRequest } from "@/lib/auth/request-actor";
import { db } from "@/lib/db";
import { DICOMWEB_MOUNTS, dicomWebContext } from "@/lib/dicomweb/mounts";
import { serveDicomWeb } from "@/lib/dicomweb/service";
import { env } from "@/lib/env";
import { isCrossSite } from "@/lib/security/cross-site";

// Carrier's DICOMweb service (QIDO-RS, WADO-RS, STOW-RS) for signed-in people (the session
// cookie) and imaging systems (an API key, as a bearer token or the password of basic
// credentials); lib/dicomweb does the work and asks the policy. Carrier's own server calls this
// handler directly (scripts/boot/direct-routes.ts): it reads nothing from Next's request context.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: RouteContext<"/api/dicomweb/[...path]">): Promise<Response> {
  const authorization = request.headers.get("authorization");
  // Credentials that are sent must be right: a bad key never falls back to a browser's session.
  const actor = authorization ? await actorFromAuthorization(db(), authorization, clientInfo(request.headers)) : await actorOfRequest(request.headers);
  // The session cookie is SameSite=Lax, and a store from another site's page is refused outright.
  if (!authorization && request.method === "POST" && isCrossSite(request.headers, env().publicUrl)) {
    return new Response("Cross-site requests are not accepted.\n", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { path } = await params;
  return serveDicomWeb(request, path, actor, dicomWebContext(DICOMWEB_MOUNTS.user));
}

export { handle as GET, handle as HEAD, handle as POST };
