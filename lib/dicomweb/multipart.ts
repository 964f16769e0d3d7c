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
  let first = true;
  for await (const part of parts) {
    yield partOpening(boundary, part, first);
    first = false;
    if (part.body instanceof Uint8Array) yield part.body;
    else for await (const chunk of part.body) yield chunk;
  }
  yield multipartClosing(boundary, !first);
}

/** What comes before a part's content: the end of the part before it (unless first), the boundary and the part's headers. */
export function partOpening(boundary: string, part: Omit<Part, "body">, first: boolean): Buffer {
  const headers = [`--${boundary}`, `Content-Type: ${part.contentType}`, ...(part.location ? [`Content-Location: ${part.location}`] : [])];
  return Buffer.from(`${first ? "" : "\r\n"}${headers.join("\r\n")}\r\n\r\n`, "latin1");
}

/** The end of a multipart body: the last part's end, if there was one, and the closing boundary. */
export function multipartClosing(boundary: string, hadParts: boolean): Buffer {
  return Buffer.from(`${hadParts ? "\r\n" : ""}--${boundary}--\r\n`, "latin1");
}

/** The Content-Type of a multipart/related response whose parts are of `partType`. */
export function multipartContentType(boundary: string, partType: string): string {
  return `multipart/related; type="${partType}"; boundary=${boundary}`;
}
