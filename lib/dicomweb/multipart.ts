import { randomBytes } from "node:crypto";

// multipart/related bodies (RFC 2387) as PS3.18 8.6.1.2 uses them, written part by part as the
// parts are produced, so a study streams out without being gathered first.

export type Part = {
  contentType: string;
  /** Where the part's content can be fetched on its own (Content-Location). */
  location?: string;
  body: AsyncIterable<Uint8Array> | Uint8Array;
};

export function newBoundary(): string {
  return `carrier-${randomBytes(16).toString("hex")}`;
}

export async function* multipartBody(boundary: string, parts: AsyncIterable<Part> | Iterable<Part>): AsyncGenerator<Uint8Array> {
  for await (const part of parts) {
    const headers = [`--${boundary}`, `Content-Type: ${part.contentType}`, ...(part.location ? [`Content-Location: ${part.location}`] : [])];
    yield Buffer.from(`${headers.join("\r\n")}\r\n\r\n`, "latin1");
    if (part.body instanceof Uint8Array) yield part.body;
    else for await (const chunk of part.body) yield chunk;
    yield Buffer.from("\r\n", "latin1");
  }
  yield Buffer.from(`--${boundary}--\r\n`, "latin1");
}

/** The Content-Type of a multipart/related response whose parts are of `partType`. */
export function multipartContentType(boundary: string, partType: string): string {
  return `multipart/related; type="${partType}"; boundary=${boundary}`;
}
