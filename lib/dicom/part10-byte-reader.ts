import { truncatedFile } from "./part10-errors";

/**
 * Reads exact byte counts from a stream of chunks, holding only the bytes not yet consumed.
 * It pulls with `next()` and never calls `return()`, so a Node stream is left open, paused
 * after the last chunk read, for the caller to continue or destroy.
 */
export class ByteReader {
  private readonly chunks: AsyncIterator<Uint8Array>;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private exhausted = false;
  /** Bytes consumed so far, counted from the start of the stream. */
  position = 0;

  /** `startPosition` continues the count of an outer stream, e.g. past the file meta of a deflated file. */
  constructor(source: AsyncIterable<Uint8Array>, startPosition = 0) {
    this.chunks = source[Symbol.asyncIterator]();
    this.position = startPosition;
  }

  /** Ends the source early: only for sources the header reader made itself (the inflater). */
  async close(): Promise<void> {
    await this.chunks.return?.();
  }

  /** Buffers until `length` bytes are pending or the stream ends; true if they are. */
  async fill(length: number): Promise<boolean> {
    while (this.pendingLength < length && !this.exhausted) {
      const chunk = await this.nextChunk();
      if (chunk) this.append(chunk);
    }
    return this.pendingLength >= length;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** Up to `length` bytes, fewer only at the end of the stream; does not consume them. */
  async peek(length: number): Promise<Uint8Array> {
    await this.fill(length);
    return this.copyPending(Math.min(length, this.pendingLength), false);
  }

  /** Exactly `length` bytes; `what` names them in the log if the stream ends first. */
  async read(length: number, what: string): Promise<Uint8Array> {
    if (!(await this.fill(length))) {
      throw truncatedFile(`stream ended at ${this.position + this.pendingLength} while reading ${what}`);
    }
    this.position += length;
    return this.copyPending(length, true);
  }

  /** Consumes `length` bytes without keeping them, so large values never sit in memory. */
  async skip(length: number, what: string): Promise<void> {
    let remaining = length;
    while (remaining > 0) {
      if (this.pendingLength === 0 && !(await this.fill(1))) {
        throw truncatedFile(`stream ended at ${this.position} while skipping ${what}`);
      }
      const head = this.pending[0]!;
      const step = Math.min(remaining, head.length);
      this.dropFromHead(step);
      this.position += step;
      remaining -= step;
    }
  }

  /** The pending bytes, then the rest of the stream: used to hand the data set to an inflater. */
  async *rest(): AsyncGenerator<Uint8Array> {
    while (this.pendingLength > 0 || !this.exhausted) {
      if (this.pendingLength === 0) {
        const chunk = await this.nextChunk();
        if (chunk) yield chunk;
        continue;
      }
      const head = this.pending.shift()!;
      this.pendingLength -= head.length;
      yield head;
    }
  }

  private async nextChunk(): Promise<Uint8Array | undefined> {
    const result = await this.chunks.next();
    if (result.done) {
      this.exhausted = true;
      return undefined;
    }
    // A stream with setEncoding() yields strings, whose byte offsets mean nothing here.
    if (!(result.value instanceof Uint8Array)) throw new TypeError("DICOM source must yield bytes");
    return result.value.length > 0 ? result.value : undefined;
  }

  private append(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
  }

  private dropFromHead(length: number): void {
    const head = this.pending[0]!;
    if (length === head.length) this.pending.shift();
    else this.pending[0] = head.subarray(length);
    this.pendingLength -= length;
  }

  /** Copies into a fresh array: Node's Buffer.slice would share (and pin) the whole chunk. */
  private copyPending(length: number, consume: boolean): Uint8Array {
    const bytes = new Uint8Array(length);
    let filled = 0;
    for (const chunk of this.pending) {
      if (filled === length) break;
      const part = chunk.subarray(0, length - filled);
      bytes.set(part, filled);
      filled += part.length;
    }
    if (consume) {
      let remaining = length;
      while (remaining > 0) {
        const step = Math.min(remaining, this.pending[0]!.length);
        this.dropFromHead(step);
        remaining -= step;
      }
    }
    return bytes;
  }
}
