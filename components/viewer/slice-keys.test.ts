import { describe, expect, it } from "vitest";
import { sliceForKey } from "./slice-keys";

describe("sliceForKey", () => {
  it("moves one image with the arrows, a tenth with Page Up/Down, to the ends with Home/End", () => {
    expect(sliceForKey("ArrowDown", 4, 100)).toBe(5);
    expect(sliceForKey("ArrowRight", 4, 100)).toBe(5);
    expect(sliceForKey("ArrowUp", 4, 100)).toBe(3);
    expect(sliceForKey("PageDown", 4, 100)).toBe(14);
    expect(sliceForKey("PageUp", 40, 100)).toBe(30);
    expect(sliceForKey("Home", 40, 100)).toBe(0);
    expect(sliceForKey("End", 4, 100)).toBe(99);
  });

  it("stays within the series and ignores other keys", () => {
    expect(sliceForKey("ArrowUp", 0, 20)).toBe(0);
    expect(sliceForKey("PageDown", 19, 20)).toBe(19);
    expect(sliceForKey("PageDown", 0, 3)).toBe(1);
    expect(sliceForKey("a", 3, 20)).toBeUndefined();
  });
});
