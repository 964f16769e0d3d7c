import { buffer } from "node:stream/consumers";
import type { DenaturalizedDataset } from "dcmjs";
import { readWithDcmjs } from "../dicom/dcmjs-read";
import { ByteReader } from "../dicom/part10-byte-reader";
import { readPart10Header } from "../dicom/part10-header";
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN } from "../dicom/part10-syntax";
import { EXPLICIT_VR_LITTLE_ENDIAN } from "../dicom/part10-write";
import type { BlobStore } from "../storage/blob-store";

// Where things are inside one stored instance: its attributes up to the pixel data (parsed by
// dcmjs from just those bytes) and where each frame's bytes lie, so that metadata and frame
// requests read only what they answer with. Layouts are kept in a small cache by content hash:
// a viewer asks for every frame of a multi-frame image one by one. (Deflated files, whose frames
// are only reachable by inflating the whole file, are read again each time instead.)

export type Fragment = { offset: number; length: number };

export type PixelLocation =
  /** Uncompressed frames, one after another from `offset`. */
  | { kind: "native"; offset: number; frameBytes: number; frames: number }
  /** Compressed frames, each made of one or more fragments of the encapsulated pixel data. */
  | { kind: "encapsulated"; frames: Fragment[][] }
  /** Frames of a deflated file: the whole data set had to be inflated to reach them. */
  | { kind: "inflated"; frames: Uint8Array[] };

export type InstanceLayout = {
  meta: DenaturalizedDataset;
  dataset: DenaturalizedDataset;
  pixels: PixelLocation | null;
  /** The syntax the stored frames are in (a deflated file's frames come out as explicit little endian). */
  frameSyntax: string;
  /** Bytes of the file before its pixel data: binary attributes are served from here. */
  headerBytes: number;
};

export type StoredInstance = { storageKey: string; sha256: string; transferSyntaxUid: string; bytes: bigint | number };

// A deflated file is inflated whole to reach its frames; beyond this, frames are not offered.
const MAX_INFLATED_FILE_BYTES = 256 * 1024 * 1024;
const CACHE_ENTRIES = 256;
const cache = new Map<string, InstanceLayout>();

export const DEFLATED_SYNTAX = DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;

/** A value of a top-level element, as dcmjs holds it. */
export function elementValue(dataset: DenaturalizedDataset, tag: string): unknown {
  return dataset[tag]?.Value?.[0];
}

function numberValue(dataset: DenaturalizedDataset, tag: string): number | undefined {
  const value = elementValue(dataset, tag);
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

/** Bytes of one uncompressed frame (PS3.5 8.1.1; YBR_FULL_422 keeps two samples a pixel). */
function nativeFrameBytes(dataset: DenaturalizedDataset): number {
  const rows = numberValue(dataset, "00280010") ?? 0;
  const columns = numberValue(dataset, "00280011") ?? 0;
  const samples = numberValue(dataset, "00280002") ?? 1;
  const bits = numberValue(dataset, "00280100") ?? 16;
  const perPixel = elementValue(dataset, "00280004") === "YBR_FULL_422" ? 2 : samples;
  return Math.ceil((rows * columns * perPixel * bits) / 8);
}

function frameCount(dataset: DenaturalizedDataset): number {
  return Math.max(1, Math.floor(numberValue(dataset, "00280008") ?? 1));
}

/** Captures what a header read pulls from the stream, so the same bytes are parsed again by dcmjs. */
async function* capture(source: AsyncIterable<Uint8Array>, into: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    into.push(chunk);
    yield chunk;
  }
}

function withoutPixelData(dataset: DenaturalizedDataset): DenaturalizedDataset {
  const { ["7FE00010"]: _pixels, ["7FE00008"]: _float, ["7FE00009"]: _double, ...rest } = dataset;
  return rest;
}

async function inflatedLayout(store: BlobStore, instance: StoredInstance): Promise<InstanceLayout> {
  const whole = new Uint8Array(await buffer(await store.get(instance.storageKey)));
  const { meta, dataset } = readWithDcmjs(whole, instance.transferSyntaxUid, true);
  const pixelData = elementValue(dataset, "7FE00010");
  let pixels: PixelLocation | null = null;
  if (pixelData instanceof ArrayBuffer) {
    const frameBytes = nativeFrameBytes(dataset);
    const frames = Array.from({ length: frameCount(dataset) }, (_, index) => new Uint8Array(pixelData, index * frameBytes, Math.min(frameBytes, pixelData.byteLength - index * frameBytes)));
    pixels = { kind: "inflated", frames: frames.filter((frame) => frame.byteLength > 0) };
  }
  return { meta, dataset: withoutPixelData(dataset), pixels, frameSyntax: EXPLICIT_VR_LITTLE_ENDIAN, headerBytes: 0 };
}

/** Reads the items of encapsulated pixel data (PS3.5 A.4) and groups the fragments into frames. */
async function encapsulatedFrames(source: AsyncIterable<Uint8Array>, start: number, frames: number, dataset: DenaturalizedDataset): Promise<Fragment[][]> {
  const reader = new ByteReader(source, start);
  const item = async () => {
    const header = await reader.read(8, "an item of the pixel data");
    const view = new DataView(header.buffer, header.byteOffset, 8);
    return { tag: view.getUint32(0, true), length: view.getUint32(4, true) };
  };
  const offsetTable = await item();
  const offsets: number[] = [];
  for (let index = 0; index < offsetTable.length / 4; index++) {
    const bytes = await reader.read(4, "the basic offset table");
    offsets.push(new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true));
  }
  const firstFragment = reader.position;
  const fragments: (Fragment & { relative: number; head: Uint8Array })[] = [];
  while (!(await reader.atEnd())) {
    const relative = reader.position - firstFragment;
    const { tag, length } = await item();
    if (tag === 0xe0ddfffe) break; // sequence delimitation
    const head = await reader.peek(Math.min(4, length));
    fragments.push({ offset: reader.position, length, relative, head });
    await reader.skip(length, "a fragment of the pixel data");
  }
  if (frames === 1) return [fragments.map(({ offset, length }) => ({ offset, length }))];

  const extendedOffsets = elementValue(dataset, "7FE00001");
  let starts: number[];
  if (extendedOffsets instanceof ArrayBuffer) {
    starts = Array.from(new BigUint64Array(extendedOffsets), Number);
  } else if (offsets.length === frames) {
    starts = offsets;
  } else if (fragments.length === frames) {
    starts = fragments.map((fragment) => fragment.relative);
  } else {
    // No table: a JPEG frame begins with its SOI marker, a JPEG 2000 one with SOC (FF4F).
    starts = fragments.filter(({ head }) => head[0] === 0xff && (head[1] === 0xd8 || head[1] === 0x4f)).map((fragment) => fragment.relative);
  }
  return starts.map((begin, index) => {
    const end = starts[index + 1] ?? Infinity;
    return fragments.filter((fragment) => fragment.relative >= begin && fragment.relative < end).map(({ offset, length }) => ({ offset, length }));
  });
}

async function readLayout(store: BlobStore, instance: StoredInstance): Promise<InstanceLayout> {
  if (instance.transferSyntaxUid === DEFLATED_SYNTAX) {
    if (Number(instance.bytes) > MAX_INFLATED_FILE_BYTES) throw new Error(`deflated instance of ${instance.bytes} bytes is too large to serve frames from`);
    return inflatedLayout(store, instance);
  }
  const chunks: Uint8Array[] = [];
  const stream = await store.get(instance.storageKey);
  let header;
  try {
    header = await readPart10Header(capture(stream, chunks));
  } finally {
    stream.destroy();
  }
  const captured = Buffer.concat(chunks);
  const { meta, dataset } = readWithDcmjs(captured.subarray(0, header.headerBytes), instance.transferSyntaxUid, header.explicitVr);
  const base = { meta, dataset: withoutPixelData(dataset), frameSyntax: instance.transferSyntaxUid, headerBytes: header.headerBytes };
  if (header.headerBytes >= Number(instance.bytes)) return { ...base, pixels: null };

  // The data set's real VR style, which may not be what its transfer syntax says.
  const explicitVr = header.explicitVr;
  const littleEndian = instance.transferSyntaxUid !== EXPLICIT_VR_BIG_ENDIAN;
  const elementHeaderBytes = explicitVr ? 12 : 8;
  const elementHeader = captured.length >= header.headerBytes + elementHeaderBytes
    ? captured.subarray(header.headerBytes, header.headerBytes + elementHeaderBytes)
    : await buffer(await store.get(instance.storageKey, { start: header.headerBytes, end: header.headerBytes + elementHeaderBytes }));
  const view = new DataView(elementHeader.buffer, elementHeader.byteOffset, elementHeaderBytes);
  const length = view.getUint32(elementHeaderBytes - 4, littleEndian);
  const valueOffset = header.headerBytes + elementHeaderBytes;
  const frames = frameCount(dataset);
  if (length !== 0xffffffff) return { ...base, pixels: { kind: "native", offset: valueOffset, frameBytes: nativeFrameBytes(dataset), frames } };

  const pixelStream = await store.get(instance.storageKey, { start: valueOffset, end: Number(instance.bytes) });
  try {
    return { ...base, pixels: { kind: "encapsulated", frames: await encapsulatedFrames(pixelStream, valueOffset, frames, dataset) } };
  } finally {
    pixelStream.destroy();
  }
}

/** The layout of a stored instance, from the cache when it was read lately. */
export async function instanceLayout(store: BlobStore, instance: StoredInstance): Promise<InstanceLayout> {
  const cached = cache.get(instance.sha256);
  if (cached) {
    // Map order is insertion order: re-inserting keeps recently used layouts at the end.
    cache.delete(instance.sha256);
    cache.set(instance.sha256, cached);
    return cached;
  }
  const layout = await readLayout(store, instance);
  // A deflated file's layout holds its inflated frames: never kept, or the cache could hold studies.
  if (layout.pixels?.kind === "inflated") return layout;
  cache.set(instance.sha256, layout);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return layout;
}

/** How many frames the instance has, as stored. */
export function framesIn(layout: InstanceLayout): number {
  if (!layout.pixels) return 0;
  return layout.pixels.kind === "native" ? layout.pixels.frames : layout.pixels.frames.length;
}
