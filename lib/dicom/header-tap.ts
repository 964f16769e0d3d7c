import dcmjs from "dcmjs";
import type { DenaturalizedDataset } from "dcmjs";
import { decodeCodeExtensions } from "./iso2022";
import { readPart10Header } from "./part10-header";
import { datasetEncoding } from "./part10-syntax";

// Reads a DICOM file's header from the stream that is passing its bytes on elsewhere (into a zip),
// so the file is read once. The streaming header reader finds where the header ends (the pixel
// data) without holding the image; dcmjs then parses just those bytes into elements that can be
// copied as they are, sequences included.

// A header (everything before the pixel data) is a few kilobytes; a file with more than this before
// its image is passed on without one.
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

export type TappedFile = {
  /** The header's elements keyed by tag, or null when the header could not be read. */
  header: DenaturalizedDataset | null;
  /** Every byte of the file, in order, from the first. */
  body: AsyncGenerator<Uint8Array>;
};

function concat(chunks: readonly Uint8Array[], length: number): ArrayBuffer {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= length) break;
    const part = chunk.subarray(0, length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return bytes.buffer;
}

function parse(prefix: ArrayBuffer): DenaturalizedDataset | null {
  try {
    return decodeCodeExtensions(dcmjs.data.DicomMessage.readFile(prefix, { untilTag: "7FE00010", ignoreErrors: true }).dict);
  } catch {
    return null;
  }
}

export async function tapHeader(source: AsyncIterable<Uint8Array>): Promise<TappedFile> {
  const iterator = source[Symbol.asyncIterator]();
  // Chunks read but not yet passed on. Reads are chained one after the other, so a late read by
  // the header reader (a deflated file's inflater reads ahead) still lands here in order.
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let exhausted = false;
  let reading: Promise<unknown> = Promise.resolve();
  const readNext = (): Promise<Uint8Array | undefined> => {
    const next = reading.then(async () => {
      if (exhausted) return undefined;
      const result = await iterator.next();
      if (result.done) {
        exhausted = true;
        return undefined;
      }
      pending.push(result.value);
      pendingBytes += result.value.length;
      return result.value;
    });
    reading = next.catch(() => undefined);
    return next;
  };

  let tapping = true;
  const tapped: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const chunk = tapping ? await readNext() : undefined;
        return chunk ? { done: false, value: chunk } : { done: true, value: undefined };
      },
    }),
  };

  let header: DenaturalizedDataset | null = null;
  try {
    const read = await readPart10Header(tapped, { maxHeaderBytes: MAX_HEADER_BYTES });
    const deflated = datasetEncoding(read.transferSyntaxUid)?.deflated ?? false;
    // A deflated file's header length counts inflated bytes: dcmjs gets what was read and inflates it.
    header = parse(concat(pending, deflated ? pendingBytes : read.headerBytes));
  } catch {
    // Not readable as DICOM: the file is still passed on whole, with keys from Carrier's index.
  } finally {
    tapping = false;
  }

  async function* body(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        // A read waits for any earlier one, so once it is done every chunk read so far is pending.
        if (pending.length === 0) await readNext();
        const chunk = pending.shift();
        if (!chunk) break;
        pendingBytes -= chunk.length;
        yield chunk;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { header, body: body() };
}
