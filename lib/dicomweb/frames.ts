import type { BlobStore } from "../storage/blob-store";
import type { Fragment, InstanceLayout, StoredInstance } from "./instance-layout";
import { framesIn } from "./instance-layout";
import { EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from "../dicom/part10-syntax";
import { DEFAULT_TRANSFER_SYNTAX } from "./accept";
import { elementValue } from "./instance-layout";

// The bytes of single frames (WADO-RS /frames, PS3.18 10.4.1.1.3): uncompressed frames read by
// range, compressed ones fragment by fragment, in the stored syntax or, for uncompressed
// pixels, as explicit little endian when that is what the client takes.

export type FrameSyntax = { syntax: string; swapBytes: boolean };

/** The syntax to send frames in, or null when the client takes none Carrier can give. */
export function chooseFrameSyntax(layout: InstanceLayout, accepted: readonly string[]): FrameSyntax | null {
  const stored = layout.frameSyntax;
  if (accepted.includes("*") || accepted.includes(stored)) return { syntax: stored, swapBytes: false };
  if (!accepted.includes(DEFAULT_TRANSFER_SYNTAX)) return null;
  // Uncompressed pixels are the same bytes in either little endian syntax; big endian words are turned around.
  if (stored === IMPLICIT_VR_LITTLE_ENDIAN) return { syntax: DEFAULT_TRANSFER_SYNTAX, swapBytes: false };
  if (stored === EXPLICIT_VR_BIG_ENDIAN) return { syntax: DEFAULT_TRANSFER_SYNTAX, swapBytes: true };
  return null;
}

/** Parses a frame list ("1", "1,3,5"): 1-based numbers, each within the instance. */
export function parseFrameList(list: string, layout: InstanceLayout): number[] | null {
  const count = framesIn(layout);
  const numbers = list.split(",").map((item) => (/^\d{1,7}$/.test(item.trim()) ? Number(item.trim()) : NaN));
  return numbers.every((number) => number >= 1 && number <= count) ? numbers : null;
}

async function* fragments(store: BlobStore, key: string, parts: readonly Fragment[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield* await store.get(key, { start: part.offset, end: part.offset + part.length });
}

function swapped(bytes: Uint8Array, wordBytes: number): Uint8Array {
  const out = Buffer.from(bytes);
  if (wordBytes === 2) out.swap16();
  else if (wordBytes === 4) out.swap32();
  return out;
}

/** One frame's bytes (`frame` is 1-based and already checked against the layout). */
export async function* frameBytes(store: BlobStore, instance: StoredInstance, layout: InstanceLayout, frame: number, syntax: FrameSyntax): AsyncGenerator<Uint8Array> {
  const pixels = layout.pixels!;
  if (pixels.kind === "inflated") {
    yield pixels.frames[frame - 1]!;
    return;
  }
  if (pixels.kind === "encapsulated") {
    yield* fragments(store, instance.storageKey, pixels.frames[frame - 1]!);
    return;
  }
  const start = pixels.offset + (frame - 1) * pixels.frameBytes;
  const stream = await store.get(instance.storageKey, { start, end: start + pixels.frameBytes });
  if (!syntax.swapBytes) {
    yield* stream;
    return;
  }
  // A frame is a few megabytes at most: turned around whole, so no word is split across chunks.
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk as Uint8Array);
  const bits = Number(elementValue(layout.dataset, "00280100") ?? 16);
  yield swapped(Buffer.concat(chunks), bits / 8);
}
