import type http from "node:http";
import * as dicomWeb from "../../app/api/dicomweb/[...path]/route";
import * as shareDicomWeb from "../../app/api/share/dicomweb/[...path]/route";
import * as shareLanding from "../../app/s/[token]/route";
import * as uploads from "../../app/api/uploads/[[...path]]/route";
import { responseHeadersFor } from "../../lib/security/response-headers";
import { sendWebResponse, toWebRequest } from "./web-exchange";

// The routes hit hundreds of times a minute (DICOMweb, uploads, a share link's landing page),
// answered by Carrier's server itself: the same route handlers Next would call, without
// Next's request pipeline, which costs more than the handlers themselves (bench:share, frames
// under a share session on the 2-core machine: about 220 requests a second through Next, about
// 500 without). Only handlers that read nothing but their request may be listed here: no
// cookies() or headers() from next/headers, no revalidation. Next serves everything else, and
// these too where Carrier's server is not in front (next dev or next start on their own). They
// are bundled with the server when it starts, so `npm run dev` picks up changes to them on restart.

type Params = Record<string, string | string[]>;
export type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
export type DirectRoute = { path: RegExp; params: (match: RegExpExecArray) => Params; methods: Partial<Record<string, Handler>> };

const segments = (path: string) => path.split("/").map((segment) => decodeURIComponent(segment));

const ROUTES: readonly DirectRoute[] = [
  // /s/<token>, but not the recipient's pages under /s/view.
  { path: /^\/s\/(?!view$)([^/]+)$/, params: (match) => ({ token: decodeURIComponent(match[1]!) }), methods: { GET: shareLanding.GET, POST: shareLanding.POST } },
  { path: /^\/api\/share\/dicomweb\/(.+)$/, params: (match) => ({ path: segments(match[1]!) }), methods: { GET: shareDicomWeb.GET, HEAD: shareDicomWeb.HEAD } },
  // The viewer's DICOMweb (a frame per image, a hundred or more a series) and imaging systems'.
  { path: /^\/api\/dicomweb\/(.+)$/, params: (match) => ({ path: segments(match[1]!) }), methods: { GET: dicomWeb.GET, HEAD: dicomWeb.HEAD, POST: dicomWeb.POST } },
  // Resumable uploads (tus): a CD is hundreds of requests, each a few megabytes.
  { path: /^\/api\/uploads(?:\/(.*))?$/, params: (match) => ({ path: match[1] ? segments(match[1]) : [] }), methods: { GET: uploads.GET, POST: uploads.POST, PATCH: uploads.PATCH, HEAD: uploads.HEAD, DELETE: uploads.DELETE, OPTIONS: uploads.OPTIONS } },
];

export type DirectRouter = (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> | null;

/** Answers a request that is one of the direct routes (settling when done); null leaves it to Next. */
export function directRoutes(origin: string, log: (line: string) => void, routes: readonly DirectRoute[] = ROUTES): DirectRouter {
  return (request, response) => {
    const pathname = (request.url ?? "/").split("?")[0]!;
    const method = request.method ?? "GET";
    for (const route of routes) {
      const match = route.path.exec(pathname);
      const handler = match && route.methods[method];
      if (!match || !handler) continue;
      return answer(handler, route, match, request, response, pathname, method).catch((error: unknown) => {
        // Never the share token: it opens the images.
        log(`${method} ${pathname.replace(/^\/s\/[^/]+/, "/s/…")} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!response.headersSent) {
          response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
          response.end("Carrier could not answer this request. Please try again in a moment.\n");
        } else response.destroy();
      });
    }
    return null;
  };

  async function answer(handler: Handler, route: DirectRoute, match: RegExpExecArray, request: http.IncomingMessage, response: http.ServerResponse, pathname: string, method: string): Promise<void> {
    let params: Params;
    try {
      params = route.params(match);
    } catch {
      // Percent-encoding that does not decode (URIError), as Next answers it.
      response.writeHead(400, { ...responseHeadersFor(pathname), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      response.end("This address is not valid.\n");
      return;
    }
    const reply = await handler(toWebRequest(request, response, origin), { params: Promise.resolve(params) as Promise<never> });
    await sendWebResponse(reply, response, responseHeadersFor(pathname), method);
  }
}
