import type http from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { writtenBodyOf, writtenLengthOf } from "../../lib/http/written-body";

// Node's request and response, as the web-standard Request and Response that route handlers take
// and give, for the routes Carrier's server answers itself (direct-routes.ts).

/** A Request for a Node request: its method, address, headers, and body (streamed), aborted if the client goes away. */
export function toWebRequest(request: http.IncomingMessage, response: http.ServerResponse, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const gone = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) gone.abort();
  });
  const method = request.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(request.url ?? "/", origin), {
    method,
    headers,
    signal: gone.signal,
    ...(hasBody ? { body: Readable.toWeb(request), duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a chunk and settles once the socket has taken it (its memory may then be reused). */
function handOver(response: http.ServerResponse, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const gone = () => reject(new Error("The client has gone."));
    if (response.destroyed) return gone();
    response.once("close", gone);
    response.write(chunk, (error) => {
      response.off("close", gone);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Sends a Response: status, headers (each Set-Cookie on its own), and the body pulled as the client reads it (not at all once the client has gone). */
export async function sendWebResponse(answer: Response, response: http.ServerResponse, extraHeaders: Record<string, string>, method: string): Promise<void> {
  for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") response.setHeader(name, value);
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  response.statusCode = answer.status;
  const written = writtenBodyOf(answer);
  if (written && method !== "HEAD" && !response.destroyed) {
    await answer.body?.cancel();
    const length = writtenLengthOf(answer);
    if (length !== undefined) response.setHeader("Content-Length", length);
    try {
      await written((chunk) => handOver(response, chunk));
      response.end();
    } catch (error) {
      // The client went away: the body stops being made.
      if (!response.destroyed) throw error;
    }
    return;
  }
  if (!answer.body || method === "HEAD" || response.destroyed) {
    await answer.body?.cancel();
    response.end();
    return;
  }
  try {
    // A client that goes away ends the pipeline, which cancels the body (and so its generator).
    await pipeline(Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>), response);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
  }
}
