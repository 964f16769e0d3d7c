import { InvalidInputError } from "../errors";

// Reads a multipart/related body (RFC 2046 5.1) part by part as it arrives: each part's headers,
// then its content as chunks, never more than one chunk and a delimiter's length held at once.

export type IncomingPart = { headers: Map<string, string>; body: AsyncGenerator<Uint8Array> };

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * The boundary named by a multipart Content-Type, or null. RFC 2046 allows 70 characters; real
 * senders go past it (Orthanc's STOW-RS client sends 73), so a little more is taken.
 */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=("?)([^";]{1,200})\1/i.exec(contentType);
  return match?.[2] ?? null;
}

class ChunkQueue {
  private buffered: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  get bytes(): Buffer {
    return this.buffered;
  }

  /** Pulls one more chunk; false at the end of the body. */
  async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.source.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buffered = this.buffered.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buffered, next.value]);
    return true;
  }

  take(length: number): Buffer {
    const head = this.buffered.subarray(0, length);
    this.buffered = this.buffered.subarray(length);
    return head;
  }
}

const truncated = () => new InvalidInputError("The request body ended in the middle of a part: the upload was cut short. Send it again.");

/** Yields the parts of a multipart body; each part's body must be read to its end before the next is asked for. */
export async function* readMultipart(body: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<IncomingPart> {
  const queue = new ChunkQueue(body[Symbol.asyncIterator]());
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter may open the body without the CRLF before it.
  while (true) {
    const at = Buffer.concat([CRLF, queue.bytes]).indexOf(delimiter);
    if (at !== -1) {
      queue.take(at + delimiter.length - CRLF.length);
      break;
    }
    if (queue.bytes.length > MAX_HEADER_BYTES || !(await queue.more())) throw new InvalidInputError("The request body holds no part with the boundary its Content-Type names.");
  }
  while (true) {
    // After a delimiter: "--" closes the body, CRLF opens a part.
    while (queue.bytes.length < 2) if (!(await queue.more())) throw truncated();
    const after = queue.take(2).toString("latin1");
    if (after === "--") return;
    if (after !== "\r\n") throw new InvalidInputError("The request body is not well-formed multipart: a boundary is followed by neither a line break nor '--'.");

    let headerEnd;
    while ((headerEnd = queue.bytes.indexOf(HEADER_END)) === -1) {
      if (queue.bytes.length > MAX_HEADER_BYTES) throw new InvalidInputError("A part's headers are too long.");
      if (!(await queue.more())) throw truncated();
    }
    const headers = new Map(
      queue
        .take(headerEnd + HEADER_END.length)
        .toString("latin1")
        .split("\r\n")
        .filter(Boolean)
        .map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
    );
    let finished = false;
    async function* partBody(): AsyncGenerator<Uint8Array> {
      while (true) {
        const at = queue.bytes.indexOf(delimiter);
        if (at !== -1) {
          if (at > 0) yield queue.take(at);
          queue.take(delimiter.length);
          finished = true;
          return;
        }
        // Keep back what could be the start of a delimiter split across chunks.
        const safe = queue.bytes.length - (delimiter.length - 1);
        if (safe > 0) yield queue.take(safe);
        if (!(await queue.more())) throw truncated();
      }
    }
    yield { headers, body: partBody() };
    if (!finished) throw new Error("A multipart part was not read to its end before the next one was asked for.");
  }
}
