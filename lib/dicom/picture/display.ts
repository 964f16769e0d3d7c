import type { DenaturalizedDataset } from "dcmjs";
import { numberValue } from "../codecs/frame";

// What the header says about showing an image (PS3.3 C.11): the modality rescale and the window
// for grey images, the lookup tables of a palette colour one.

export type PaletteTable = { firstMapped: number; bits: number; entries: Uint16Array | Uint8Array };

export type DisplaySettings = {
  rescaleSlope: number;
  rescaleIntercept: number;
  /** The first window the file gives, if it gives a usable one. */
  window?: { center: number; width: number };
  palette?: { red: PaletteTable; green: PaletteTable; blue: PaletteTable };
};

function paletteTable(dataset: DenaturalizedDataset, descriptorTag: string, dataTag: string): PaletteTable | undefined {
  const descriptor = dataset[descriptorTag]?.Value;
  const data = dataset[dataTag]?.Value?.[0];
  if (!descriptor || descriptor.length < 3 || !(data instanceof ArrayBuffer)) return undefined;
  const [count, firstMapped, bits] = descriptor.map(Number) as [number, number, number];
  // A count of 0 means 65536 entries (PS3.3 C.7.6.3.1.5).
  const length = count === 0 ? 65536 : count;
  // 8-bit tables are sometimes packed a byte an entry, sometimes kept one entry a word.
  const entries = data.byteLength === length ? new Uint8Array(data) : new Uint16Array(data, 0, Math.min(length, Math.floor(data.byteLength / 2)));
  return entries.length > 0 ? { firstMapped, bits: bits === 8 ? 8 : 16, entries } : undefined;
}

export function displaySettings(dataset: DenaturalizedDataset): DisplaySettings {
  const center = numberValue(dataset, "00281050");
  const width = numberValue(dataset, "00281051");
  const red = paletteTable(dataset, "00281101", "00281201");
  const green = paletteTable(dataset, "00281102", "00281202");
  const blue = paletteTable(dataset, "00281103", "00281203");
  return {
    rescaleSlope: numberValue(dataset, "00281053") ?? 1,
    rescaleIntercept: numberValue(dataset, "00281052") ?? 0,
    window: center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined,
    palette: red && green && blue ? { red, green, blue } : undefined,
  };
}
