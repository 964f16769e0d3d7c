import type { Frame } from "../codecs/frame";
import { rgbLevels } from "./colour";
import type { DisplaySettings } from "./display";
import { greyLevels } from "./grey";

// A frame drawn as 8-bit grey or RGB and shrunk to fit a square, ready to encode as PNG or JPEG.

export type Picture = { pixels: Uint8Array; width: number; height: number; channels: 1 | 3 };

/** Shrinks by averaging each block of source pixels into one (channels interleaved); never enlarges. */
function shrink(picture: Picture, size: number): Picture {
  const { pixels, width: columns, height: rows, channels } = picture;
  const scale = Math.max(columns / size, rows / size, 1);
  if (scale === 1) return picture;
  const width = Math.max(1, Math.round(columns / scale));
  const height = Math.max(1, Math.round(rows / scale));
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * scale);
    const y1 = Math.max(y0 + 1, Math.min(rows, Math.floor((y + 1) * scale)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * scale);
      const x1 = Math.max(x0 + 1, Math.min(columns, Math.floor((x + 1) * scale)));
      for (let channel = 0; channel < channels; channel++) {
        let sum = 0;
        for (let sy = y0; sy < y1; sy++) for (let sx = x0; sx < x1; sx++) sum += pixels[(sy * columns + sx) * channels + channel]!;
        out[(y * width + x) * channels + channel] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
      }
    }
  }
  return { pixels: out, width, height, channels };
}

const GREY = new Set(["MONOCHROME1", "MONOCHROME2"]);

/** The frame drawn to fit in `size` × `size`, or null when its kind of pixels is not drawn here. */
export function drawFrame(frame: Frame, display: DisplaySettings, size: number): Picture | null {
  const grey = GREY.has(frame.photometric) && frame.samplesPerPixel === 1;
  const pixels = grey ? greyLevels(frame, display) : rgbLevels(frame, display);
  if (!pixels) return null;
  return shrink({ pixels, width: frame.columns, height: frame.rows, channels: grey ? 1 : 3 }, size);
}
