import type { DenaturalizedDataset } from "dcmjs";
import { describe, expect, it } from "vitest";
import type { Frame } from "../codecs/frame";
import { displaySettings } from "./display";
import { drawFrame } from "./picture";

// Drawing small frames made here, for the kinds the real test data lacks: palette colour, and
// what MONOCHROME1 and a file's window do to grey levels.

const grey = (values: number[], photometric = "MONOCHROME2"): Frame => ({
  rows: 1,
  columns: values.length,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  signed: false,
  photometric,
  planar: false,
  bytes: new Uint8Array(new Uint16Array(values).buffer),
});

describe("drawFrame", () => {
  it("looks palette colour indices up in the file's 16-bit tables, clamping to their ends", () => {
    // Three entries from index 10: red rises, green falls, blue stays.
    const table = (entries: number[]) => new Uint16Array(entries).buffer;
    const dataset: DenaturalizedDataset = {
      "00281101": { vr: "US", Value: [3, 10, 16] },
      "00281102": { vr: "US", Value: [3, 10, 16] },
      "00281103": { vr: "US", Value: [3, 10, 16] },
      "00281201": { vr: "OW", Value: [table([0x0000, 0x8000, 0xffff])] },
      "00281202": { vr: "OW", Value: [table([0xffff, 0x8000, 0x0000])] },
      "00281203": { vr: "OW", Value: [table([0x4000, 0x4000, 0x4000])] },
    };
    const frame = { ...grey([9, 10, 11, 12, 200]), bitsStored: 16, photometric: "PALETTE COLOR" };
    const picture = drawFrame(frame, displaySettings(dataset), 128)!;
    expect(picture.channels).toBe(3);
    expect([...picture.pixels]).toEqual([0, 255, 64, 0, 255, 64, 128, 128, 64, 255, 0, 64, 255, 0, 64]);
  });

  it("gives nothing for palette colour without its tables", () => {
    expect(drawFrame({ ...grey([1, 2]), photometric: "PALETTE COLOR" }, displaySettings({}), 128)).toBeNull();
  });

  it("windows grey levels as the file says, and draws MONOCHROME1 inverted", () => {
    const dataset: DenaturalizedDataset = { "00281050": { vr: "DS", Value: ["100"] }, "00281051": { vr: "DS", Value: ["200"] } };
    // The high bits above Bits Stored (12) are not part of the value.
    const values = [0, 100, 200, 0xf000 | 100];
    expect([...drawFrame(grey(values), displaySettings(dataset), 128)!.pixels]).toEqual([0, 128, 255, 128]);
    expect([...drawFrame(grey(values, "MONOCHROME1"), displaySettings(dataset), 128)!.pixels]).toEqual([255, 127, 0, 127]);
  });
});
