import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN } from "../dicom/part10-syntax";
import { decodeFrame } from "../dicom/codecs/decode-frame";
import { FrameDecodeError, frameLength, pixelFormat } from "../dicom/codecs/frame";
import { displaySettings } from "../dicom/picture/display";
import { encodeJpeg } from "../dicom/picture/jpeg";
import { drawFrame } from "../dicom/picture/picture";
import { encodePng } from "../dicom/picture/png";
import type { BlobStore } from "../storage/blob-store";
import { frameBytes } from "./frames";
import { framesIn, instanceLayout } from "./instance-layout";
import type { StoredInstance } from "./instance-layout";

// One frame of a stored instance drawn as a picture (PS3.18 rendered resources, the study page's
// thumbnails). Only that frame's bytes are read and decoded, whatever the file holds besides.

export const RENDERED_MEDIA_TYPES = ["image/png", "image/jpeg"] as const;
export type RenderedMediaType = (typeof RENDERED_MEDIA_TYPES)[number];

/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 128;

export type RenderRequest = { frame: number; size: number; mediaType: RenderedMediaType };
export type Rendered = { ok: true; body: Uint8Array; mediaType: RenderedMediaType } | { ok: false; reason: string };

// A deflated file is inflated whole to reach a frame: larger ones are not drawn.
const MAX_DEFLATED_SOURCE_BYTES = 64 * 1024 * 1024;
// One frame, compressed or decoded, held in memory at a time: far above any real frame but a
// whole-slide image's.
const MAX_FRAME_BYTES = 256 * 1024 * 1024;

const TOO_LARGE = "This image is too large to draw on the server; open it in the viewer.";
const NOT_DRAWN = "This image could not be drawn on the server: its pixels are damaged or of a kind Carrier does not draw. Open it in the viewer.";

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Draws frame `request.frame` (1-based) of `instance`, or says why it cannot be drawn. */
export async function renderInstance(store: BlobStore, instance: StoredInstance, request: RenderRequest): Promise<Rendered> {
  if (instance.transferSyntaxUid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN && Number(instance.bytes) > MAX_DEFLATED_SOURCE_BYTES) return { ok: false, reason: TOO_LARGE };
  const layout = await instanceLayout(store, instance);
  const format = pixelFormat(layout.dataset);
  if (!layout.pixels || !format) return { ok: false, reason: "This instance has no image to draw." };
  if (request.frame < 1 || request.frame > framesIn(layout)) return { ok: false, reason: `This instance has ${framesIn(layout)} frame(s); ask for one between 1 and ${framesIn(layout)}.` };
  const pixels = layout.pixels;
  const storedLength = pixels.kind === "encapsulated" ? pixels.frames[request.frame - 1]!.reduce((sum, fragment) => sum + fragment.length, 0) : 0;
  if (frameLength(format) > MAX_FRAME_BYTES || storedLength > MAX_FRAME_BYTES) return { ok: false, reason: TOO_LARGE };

  // Big endian words are turned around as they are read: decoders and drawing take little endian.
  const syntax = { syntax: layout.frameSyntax, swapBytes: layout.frameSyntax === EXPLICIT_VR_BIG_ENDIAN };
  const stored = await collect(frameBytes(store, instance, layout, request.frame, syntax));
  try {
    const frame = await decodeFrame(layout.frameSyntax, format, stored);
    const picture = drawFrame(frame, displaySettings(layout.dataset), request.size);
    if (!picture) return { ok: false, reason: NOT_DRAWN };
    const body = request.mediaType === "image/jpeg" ? await encodeJpeg(picture) : encodePng(picture);
    return { ok: true, body, mediaType: request.mediaType };
  } catch (error) {
    if (!(error instanceof FrameDecodeError)) throw error;
    console.error(`[dicomweb] could not draw frame ${request.frame} of ${instance.sha256}: ${error.message}`);
    return { ok: false, reason: NOT_DRAWN };
  }
}
