import { wadors } from "@cornerstonejs/dicom-image-loader";

// How each frame is asked for. Compressed frames come as stored (transfer-syntax=*) and are decoded
// in the browser. Uncompressed ones are asked for as explicit VR little endian, which the server
// gives for any uncompressed syntax (PS3.18 8.7.3.5): big-endian words arrive turned around, since
// the browser decoder reads big endian only at 8 and 16 bits. The stored syntax is the one the
// server puts in the metadata (0002,0010); without it, frames are asked for as stored.

const UNCOMPRESSED = new Set(["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"]);
const LITTLE_ENDIAN_FRAMES = 'multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1';

export function frameRequestHeaders(imageId: string): Record<string, string> | undefined {
  const stored = (wadors.metaDataManager.get(imageId) as Record<string, { Value?: unknown[] } | undefined> | undefined)?.["00020010"]?.Value?.[0];
  return typeof stored === "string" && UNCOMPRESSED.has(stored) ? { Accept: LITTLE_ENDIAN_FRAMES } : undefined;
}
