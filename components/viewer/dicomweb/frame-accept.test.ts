import { describe, expect, it } from "vitest";
import { FRAMES_AS_STORED, frameAccept } from "./frame-accept";

const syntax = (tag: string, uid: string) => ({ [tag]: { Value: [uid] } });

describe("frameAccept", () => {
  it("asks for uncompressed frames, big endian included, as explicit little endian", () => {
    for (const uid of ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"]) {
      expect(frameAccept(syntax("00020010", uid))).toContain("transfer-syntax=1.2.840.10008.1.2.1");
    }
    expect(frameAccept(syntax("00083002", "1.2.840.10008.1.2.2"))).toContain("transfer-syntax=1.2.840.10008.1.2.1");
  });

  it("asks for a single part first, with multipart as the fallback, in the same syntax", () => {
    const [single, multipart] = frameAccept(syntax("00020010", "1.2.840.10008.1.2")).split(", multipart");
    expect(single).toBe("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1");
    expect(`multipart${multipart}`).toBe('multipart/related; type="application/octet-stream"; transfer-syntax=1.2.840.10008.1.2.1');
    expect(FRAMES_AS_STORED.startsWith("application/octet-stream; transfer-syntax=*,")).toBe(true);
  });

  it("takes compressed frames, and frames of an unknown syntax, as stored", () => {
    expect(frameAccept(syntax("00020010", "1.2.840.10008.1.2.4.90"))).toBe(FRAMES_AS_STORED);
    expect(frameAccept({})).toBe(FRAMES_AS_STORED);
    expect(frameAccept(undefined)).toBe(FRAMES_AS_STORED);
  });
});
