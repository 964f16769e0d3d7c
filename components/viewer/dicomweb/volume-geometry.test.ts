import { describe, expect, it } from "vitest";
import { formsVolume, type SlicePlane } from "./volume-geometry";

const axial = [1, 0, 0, 0, 1, 0];
const slices = (count: number, overrides: (index: number) => Partial<SlicePlane> = () => ({})): SlicePlane[] =>
  Array.from({ length: count }, (_, index) => ({ rows: 512, columns: 512, frames: 1, position: [-256, -256, index * 2.5], orientation: axial, ...overrides(index) }));

describe("formsVolume", () => {
  it("takes evenly spaced axial CT slices, in any order", () => {
    expect(formsVolume("CT", slices(20).reverse())).toBe(true);
    expect(formsVolume("MR", slices(3))).toBe(true);
  });

  it("leaves out what cannot be resliced", () => {
    expect(formsVolume("XA", slices(20))).toBe(false);
    expect(formsVolume("CT", slices(2))).toBe(false);
    expect(formsVolume("CT", slices(20, (index) => (index === 5 ? { orientation: [0, 1, 0, 0, 0, -1] } : {})))).toBe(false);
    expect(formsVolume("CT", slices(20, (index) => (index === 5 ? { position: undefined } : {})))).toBe(false);
    expect(formsVolume("CT", slices(20, (index) => (index === 5 ? { rows: 256 } : {})))).toBe(false);
    expect(formsVolume("MR", slices(5, () => ({ frames: 16 })))).toBe(false);
  });

  it("refuses slices at one position, or with a missing slice", () => {
    expect(formsVolume("CT", slices(20, () => ({ position: [0, 0, 0] })))).toBe(false);
    expect(formsVolume("CT", slices(20).filter((_, index) => index !== 10))).toBe(false);
  });
});
