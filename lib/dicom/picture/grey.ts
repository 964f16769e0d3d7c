import type { Frame } from "../codecs/frame";
import type { DisplaySettings } from "./display";
import { sampleReader } from "./samples";

// A grey frame to 8-bit levels: the modality rescale, then the file's window or, without one,
// the frame's own range; MONOCHROME1 is drawn inverted (its low values are white).

export function greyLevels(frame: Frame, display: DisplaySettings): Uint8Array | null {
  const sample = sampleReader(frame);
  if (!sample) return null;
  const count = frame.rows * frame.columns;
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) values[index] = sample(index) * display.rescaleSlope + display.rescaleIntercept;
  let { center, width } = display.window ?? { center: NaN, width: NaN };
  if (!display.window) {
    let min = Infinity;
    let max = -Infinity;
    for (const value of values) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
    center = (min + max) / 2;
    width = Math.max(max - min, 1);
  }
  const low = center - width / 2;
  const invert = frame.photometric === "MONOCHROME1";
  const levels = new Uint8Array(count);
  for (let index = 0; index < count; index++) {
    const scaled = Math.round(((values[index]! - low) / width) * 255);
    const clamped = scaled < 0 ? 0 : scaled > 255 ? 255 : scaled;
    levels[index] = invert ? 255 - clamped : clamped;
  }
  return levels;
}
