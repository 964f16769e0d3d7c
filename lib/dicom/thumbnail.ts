import { crc32, deflateSync } from "node:zlib";
import dcmjs from "dcmjs";

// A small PNG of one image, made on the server for the study page: the first frame, windowed as
// the file says (or over its own range), shrunk by averaging. Only uncompressed pixel data is
// drawn here; compressed images wait for the viewer's codecs and get no thumbnail.

export const NATIVE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  "1.2.840.10008.1.2",
  "1.2.840.10008.1.2.1",
  "1.2.840.10008.1.2.2",
  "1.2.840.10008.1.2.1.99",
]);

export const THUMBNAIL_SIZE = 128;
const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";

type Dataset = Record<string, unknown>;

const first = (value: unknown): number | undefined => {
  const single = Array.isArray(value) ? (value[0] as unknown) : value;
  const number = typeof single === "string" ? Number(single) : typeof single === "number" ? single : NaN;
  return Number.isFinite(number) ? number : undefined;
};

/** The first frame's samples, as numbers after the modality rescale. dcmjs leaves big endian pixels as they were stored. */
function grayValues(dataset: Dataset, frame: ArrayBuffer, count: number, littleEndian: boolean): Float32Array | null {
  const bits = first(dataset.BitsAllocated);
  if ((bits !== 8 && bits !== 16) || frame.byteLength < count * (bits / 8)) return null;
  const signed = first(dataset.PixelRepresentation) === 1;
  const view = new DataView(frame);
  const sample =
    bits === 8
      ? (index: number) => (signed ? view.getInt8(index) : view.getUint8(index))
      : (index: number) => (signed ? view.getInt16(index * 2, littleEndian) : view.getUint16(index * 2, littleEndian));
  const slope = first(dataset.RescaleSlope) ?? 1;
  const intercept = first(dataset.RescaleIntercept) ?? 0;
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) values[index] = sample(index) * slope + intercept;
  return values;
}

function toBytes(values: Float32Array, dataset: Dataset): Uint8Array {
  let center = first(dataset.WindowCenter);
  let width = first(dataset.WindowWidth);
  if (center === undefined || width === undefined || width <= 0) {
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
  const invert = dataset.PhotometricInterpretation === "MONOCHROME1";
  const bytes = new Uint8Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const scaled = Math.round(((values[index]! - low) / width) * 255);
    const clamped = scaled < 0 ? 0 : scaled > 255 ? 255 : scaled;
    bytes[index] = invert ? 255 - clamped : clamped;
  }
  return bytes;
}

/** Shrinks by averaging each block of source pixels into one (channels interleaved). */
function shrink(pixels: Uint8Array, columns: number, rows: number, channels: number, size: number) {
  const scale = Math.max(columns / size, rows / size, 1);
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
  return { out, width, height };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(channels === 1 ? 0 : 2, 9);
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array(0))]);
}

/** A PNG thumbnail of a DICOM file's first frame, or null when its pixels are compressed or of a kind not drawn here. */
export function renderThumbnail(file: Uint8Array, size = THUMBNAIL_SIZE): Uint8Array | null {
  const message = dcmjs.data.DicomMessage.readFile(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  const transferSyntax = (message.meta["00020010"]?.Value[0] as string | undefined) ?? "";
  if (!NATIVE_TRANSFER_SYNTAXES.has(transferSyntax)) return null;
  const dataset = dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict) as Dataset;
  const rows = first(dataset.Rows);
  const columns = first(dataset.Columns);
  const frame = (dataset.PixelData as ArrayBuffer[] | undefined)?.[0];
  if (!rows || !columns || !frame) return null;
  const samples = first(dataset.SamplesPerPixel) ?? 1;
  if (samples === 1) {
    const values = grayValues(dataset, frame, rows * columns, transferSyntax !== EXPLICIT_VR_BIG_ENDIAN);
    if (!values) return null;
    const { out, width, height } = shrink(toBytes(values, dataset), columns, rows, 1, size);
    return encodePng(out, width, height, 1);
  }
  if (samples !== 3 || first(dataset.BitsAllocated) !== 8 || dataset.PhotometricInterpretation !== "RGB" || frame.byteLength < rows * columns * 3) return null;
  let rgb = new Uint8Array(frame, 0, rows * columns * 3);
  if (first(dataset.PlanarConfiguration) === 1) {
    // Stored as all red, then all green, then all blue: interleave.
    const planes = rgb;
    rgb = new Uint8Array(planes.length);
    const plane = rows * columns;
    for (let index = 0; index < plane; index++) for (let channel = 0; channel < 3; channel++) rgb[index * 3 + channel] = planes[channel * plane + index]!;
  }
  const { out, width, height } = shrink(rgb, columns, rows, 3, size);
  return encodePng(out, width, height, 3);
}
