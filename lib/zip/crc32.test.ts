import { crc32 as nodeCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32";

describe("crc32", () => {
  it("agrees with zlib's over odd lengths and chained calls", () => {
    const bytes = new Uint8Array(100_003).map((_, index) => (index * 7919) & 0xff);
    expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    expect(crc32(bytes.subarray(50_001), crc32(bytes.subarray(0, 50_001)))).toBe(nodeCrc32(bytes));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
