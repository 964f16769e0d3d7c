import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { syntheticCtSeries } from "./synthetic-ct";
import { renderThumbnail } from "./thumbnail";

// Thumbnails drawn from real files (Debian's python3-pydicom) and the synthetic CT.

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
const file = (name: string) => new Uint8Array(readFileSync(join(PYDICOM, name)));

/** Width, height, colour type and the unfiltered pixel rows of a PNG that encodePng wrote. */
function decodePng(png: Uint8Array) {
  const buffer = Buffer.from(png);
  expect([...buffer.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const colourType = buffer.readUInt8(25);
  const idatLength = buffer.readUInt32BE(33);
  const raw = inflateSync(buffer.subarray(41, 41 + idatLength));
  const channels = colourType === 2 ? 3 : 1;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) pixels.set(raw.subarray(y * (width * channels + 1) + 1, (y + 1) * (width * channels + 1)), y * width * channels);
  return { width, height, colourType, pixels };
}

describe("series thumbnails", () => {
  it("draws the synthetic CT: a bright body on black air, shrunk to at most 128 pixels", () => {
    const [slice] = syntheticCtSeries({ patient: { name: "T^T", patientId: "1", birthDate: "19700101", sex: "F" }, study: { date: "20260101" }, slices: 1, size: { rows: 256, columns: 256 } });
    const png = decodePng(renderThumbnail(slice!.bytes)!);
    expect([png.width, png.height, png.colourType]).toEqual([128, 128, 0]);
    // Corner: air. Centre: inside the body.
    expect(png.pixels[0]).toBeLessThan(40);
    expect(png.pixels[64 * 128 + 64]).toBeGreaterThan(60);
  });

  it("draws the same MR from little and big endian files", () => {
    const little = decodePng(renderThumbnail(file("MR_small.dcm"))!);
    const big = decodePng(renderThumbnail(file("MR_small_bigendian.dcm"))!);
    expect([little.width, little.height]).toEqual([64, 64]);
    expect(big.pixels).toEqual(little.pixels);
    expect(new Set(little.pixels).size).toBeGreaterThan(50);
  });

  it("draws CT_small (signed, rescaled) and an RGB secondary capture in colour", () => {
    const ct = decodePng(renderThumbnail(file("CT_small.dcm"))!);
    expect(new Set(ct.pixels).size).toBeGreaterThan(50);
    const rgb = decodePng(renderThumbnail(file("SC_rgb_small_odd.dcm"))!);
    expect(rgb.colourType).toBe(2);
  });

  it("gives no thumbnail for compressed pixels (they wait for the viewer's codecs)", () => {
    for (const name of ["MR_small_RLE.dcm", "JPEG2000.dcm", "SC_rgb_jpeg.dcm"]) expect(renderThumbnail(file(name))).toBeNull();
  });
});
