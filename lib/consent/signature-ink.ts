import "server-only";
import UPNG from "@pdf-lib/upng";
import { InvalidConsentFieldsError } from "./input";

// A drawn signature must have ink on it: a blank pad (or a picture of nothing) is not a signature,
// whatever the browser said. Checked on the server by reading the PNG's pixels.

/** A canvas on a large tablet is well under this; a bigger image is not a signature pad's. */
const MAX_PIXELS = 4_000_000;
/** Fewer dark pixels than a short stroke is a tap or a smudge, not a signature. */
const MIN_INKED_PIXELS = 60;

function dimensions(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return png.byteLength >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : { width: 0, height: 0 };
}

export function inkedPixels(png: Uint8Array): number {
  const { width, height } = dimensions(png);
  if (width === 0 || height === 0 || width * height > MAX_PIXELS) return 0;
  const image = UPNG.decode(png.slice().buffer);
  const rgba = new Uint8Array(UPNG.toRGBA8(image)[0]!);
  let inked = 0;
  for (let offset = 0; offset + 3 < rgba.length; offset += 4) {
    const luminance = 0.2126 * rgba[offset]! + 0.7152 * rgba[offset + 1]! + 0.0722 * rgba[offset + 2]!;
    if (rgba[offset + 3]! > 64 && luminance < 160) inked++;
  }
  return inked;
}

export function assertSignatureHasInk(png: Uint8Array): void {
  let inked: number;
  try {
    inked = inkedPixels(png);
  } catch {
    throw new InvalidConsentFieldsError({ signature: "The signature could not be read. Clear the box and sign again." });
  }
  if (inked < MIN_INKED_PIXELS) throw new InvalidConsentFieldsError({ signature: "The signature box is empty: nothing was drawn in it. Sign in the box." });
}
