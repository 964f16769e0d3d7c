import type { CodecModule, Decoder, Embound, FrameInfo } from "./codec-module";
import { FrameDecodeError } from "./frame";
import { codecMessage } from "./wasm-codec";

/** Frees an embind object; after a trap the heap may be beyond freeing, and the module is dropped anyway. */
export function freeQuietly(object: Embound): void {
  try {
    object.delete();
  } catch {
    // The error that matters is the one already thrown.
  }
}

/**
 * Runs an embind decoder over one compressed frame and copies the result out of the module's
 * heap (a view of it goes stale at the next allocation) into an array of this realm, where
 * `instanceof Uint8Array` holds. The decoder is freed either way.
 */
export function decodeInHeap<D extends Decoder>(codec: CodecModule, decoder: D, compressed: Uint8Array, what: string, read?: (decoder: D) => void): { info: FrameInfo; bytes: Uint8Array } {
  try {
    decoder.getEncodedBuffer(compressed.length).set(compressed);
    decoder.decode();
    read?.(decoder);
    return { info: decoder.getFrameInfo(), bytes: new Uint8Array(decoder.getDecodedBuffer()) };
  } catch (error) {
    throw new FrameDecodeError(`${what}: ${codecMessage(codec, error)}`, { cause: error });
  } finally {
    freeQuietly(decoder);
  }
}
