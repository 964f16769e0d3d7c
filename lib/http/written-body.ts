// A response body that a Node server may write itself, chunk by chunk, each chunk handed to the
// socket before the next is made, so its maker may reuse the chunk's memory. Carrier's own server
// does (scripts/boot/web-exchange.ts); anything else reads the Response's stream as usual. Kept
// under a global symbol: the route handler and the server are bundled apart.

export type WrittenBody = (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>;

const WRITTEN_BODY = Symbol.for("carrier.written-body");

type WithWrittenBody = Response & { [WRITTEN_BODY]?: WrittenBody };

export function withWrittenBody(response: Response, body: WrittenBody): Response {
  (response as WithWrittenBody)[WRITTEN_BODY] = body;
  return response;
}

export function writtenBodyOf(response: Response): WrittenBody | undefined {
  return (response as WithWrittenBody)[WRITTEN_BODY];
}
