import type { Frame } from "../codecs/frame";
import type { DisplaySettings, PaletteTable } from "./display";
import { sampleReader } from "./samples";

// A colour frame to 8-bit RGB, interleaved: RGB as it is (by pixel or by plane), YBR_FULL and
// YBR_FULL_422 converted (PS3.3 C.7.6.3.1.2), a palette colour frame looked up in its tables.

const clamp = (value: number) => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

/** YCbCr (full range, ITU-R BT.601 as DICOM uses it) to RGB. */
function fromYbr(out: Uint8Array, at: number, y: number, cb: number, cr: number): void {
  out[at] = clamp(y + 1.402 * (cr - 128));
  out[at + 1] = clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
  out[at + 2] = clamp(y + 1.772 * (cb - 128));
}

/** Two pixels share their chroma: Y1 Y2 Cb Cr for each pair, 8-bit, interleaved. */
function fromYbr422(frame: Frame): Uint8Array {
  const count = frame.rows * frame.columns;
  const out = new Uint8Array(count * 3);
  const { bytes } = frame;
  for (let pixel = 0; pixel < count; pixel++) {
    const pair = (pixel >> 1) * 4;
    fromYbr(out, pixel * 3, bytes[pair + (pixel & 1)]!, bytes[pair + 2]!, bytes[pair + 3]!);
  }
  return out;
}

function lookUp(table: PaletteTable, index: number): number {
  const entry = table.entries[Math.min(Math.max(index - table.firstMapped, 0), table.entries.length - 1)]!;
  return table.bits === 16 ? entry >> 8 : entry & 0xff;
}

function fromPalette(frame: Frame, palette: NonNullable<DisplaySettings["palette"]>): Uint8Array | null {
  const sample = sampleReader(frame);
  if (!sample) return null;
  const count = frame.rows * frame.columns;
  const out = new Uint8Array(count * 3);
  for (let pixel = 0; pixel < count; pixel++) {
    const index = sample(pixel);
    out[pixel * 3] = lookUp(palette.red, index);
    out[pixel * 3 + 1] = lookUp(palette.green, index);
    out[pixel * 3 + 2] = lookUp(palette.blue, index);
  }
  return out;
}

export function rgbLevels(frame: Frame, display: DisplaySettings): Uint8Array | null {
  if (frame.photometric === "PALETTE COLOR") return display.palette && frame.samplesPerPixel === 1 ? fromPalette(frame, display.palette) : null;
  if (frame.photometric === "YBR_FULL_422" && frame.bitsAllocated === 8) return fromYbr422(frame);
  if (frame.samplesPerPixel !== 3 || (frame.photometric !== "RGB" && frame.photometric !== "YBR_FULL")) return null;
  const sample = sampleReader({ ...frame, signed: false });
  if (!sample) return null;
  const count = frame.rows * frame.columns;
  // Deeper samples keep their top 8 bits.
  const shift = Math.max(0, frame.bitsStored - 8);
  const at = frame.planar ? (pixel: number, channel: number) => channel * count + pixel : (pixel: number, channel: number) => pixel * 3 + channel;
  const out = new Uint8Array(count * 3);
  for (let pixel = 0; pixel < count; pixel++) {
    const first = sample(at(pixel, 0)) >>> shift;
    const second = sample(at(pixel, 1)) >>> shift;
    const third = sample(at(pixel, 2)) >>> shift;
    if (frame.photometric === "YBR_FULL") fromYbr(out, pixel * 3, first, second, third);
    else {
      out[pixel * 3] = first;
      out[pixel * 3 + 1] = second;
      out[pixel * 3 + 2] = third;
    }
  }
  return out;
}
