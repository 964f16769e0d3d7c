// A response body that a Node server may write itself, chunk by chunk, each chunk handed to the
// socket before the next is made, so its maker may reuse the chunk's memory. Carrier's own server
// does (scripts/boot/web-exchange.ts); anything else reads the Response's stream as usual. Kept
// under a global symbol: the route handler and the server are bundled apart.

export type WrittenBody = (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>;

const WRITTEN_BODY = Symbol.for("carrier.written-body");
const WRITTEN_LENGTH = Symbol.for("carrier.written-length");

type WithWrittenBody = Response & { [WRITTEN_BODY]?: WrittenBody; [WRITTEN_LENGTH]?: number };

/**
 * `length`, when given, is exactly how many bytes `body` writes: the server sends it as the
 * Content-Length instead of chunking the body, and `body` must throw rather than write a byte more
 * or fewer (the server then cuts the connection, so the client sees the answer is incomplete).
 */
export function withWrittenBody(response: Response, body: WrittenBody, length?: number): Response {
  (response as WithWrittenBody)[WRITTEN_BODY] = body;
  if (length !== undefined) (response as WithWrittenBody)[WRITTEN_LENGTH] = length;
  return response;
}

export function writtenBodyOf(response: Response): WrittenBody | undefined {
  return (response as WithWrittenBody)[WRITTEN_BODY];
}

export function writtenLengthOf(response: Response): number | undefined {
  return (response as WithWrittenBody)[WRITTEN_LENGTH];
}
