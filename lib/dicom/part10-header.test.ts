import { existsSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DicomFileError, readPart10Header } from "./part10-header";
import type { DicomFileErrorCode, Part10Header } from "./part10-header";
import { EXPLICIT_VR_LITTLE_ENDIAN, writePart10 } from "./part10-write";
import { CT_IMAGE_STORAGE, syntheticCtSeries } from "./synthetic-ct";

const PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
if (!existsSync(PYDICOM_FILES)) {
  throw new Error(`Real DICOM test data missing: install python3-pydicom (${PYDICOM_FILES})`);
}

const testFile = (name: string) => new Uint8Array(readFileSync(`${PYDICOM_FILES}/${name}`));

/** The bytes as a stream of `chunkSize`-byte chunks, counting how many the reader pulled. */
function chunked(bytes: Uint8Array, chunkSize: number) {
  const counter = { bytesPulled: 0 };
  async function* chunks() {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) {
      await Promise.resolve(); // like a real stream, hand each chunk over on a later tick
      const chunk = bytes.subarray(offset, offset + chunkSize);
      counter.bytesPulled += chunk.length;
      yield chunk;
    }
  }
  return { source: chunks(), counter };
}

const readHeader = (bytes: Uint8Array, options?: { maxHeaderBytes?: number }) =>
  readPart10Header(Readable.from([Buffer.from(bytes)]), options);

async function expectDicomFileError(promise: Promise<Part10Header>, code: DicomFileErrorCode): Promise<DicomFileError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DicomFileError);
  const fileError = error as DicomFileError;
  expect(fileError.code).toBe(code);
  // A whole sentence a patient can read: capital first, full stop last, no internals.
  expect(fileError.userMessage).toMatch(/^[A-Z][^\n]{20,}\.$/);
  expect(fileError.userMessage).not.toMatch(/undefined|0x|\(00|Error/);
  return fileError;
}

const patient = { name: "Müller^Zoë", patientId: "MRN-0042", birthDate: "19800214", sex: "F" } as const;
const study = {
  date: "20250110",
  time: "101500",
  accessionNumber: "ACC123",
  description: "CT CHEST WITHOUT CONTRAST",
  institution: "Carrier General",
  referringPhysician: "House^Gregory",
};
const series = syntheticCtSeries({ patient, study, slices: 2, size: { rows: 64, columns: 96 }, seed: "part10-header" });
const ct = series[1]!;

describe("readPart10Header on Carrier's synthetic CT", () => {
  it("reads back every header field the writer put in", async () => {
    const header = await readHeader(ct.bytes);
    expect(header).toEqual({
      transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
      sopClassUid: CT_IMAGE_STORAGE,
      sopInstanceUid: ct.sopInstanceUid,
      studyInstanceUid: ct.studyInstanceUid,
      seriesInstanceUid: ct.seriesInstanceUid,
      specificCharacterSet: "ISO_IR 192",
      patientName: "Müller^Zoë",
      patientId: "MRN-0042",
      patientBirthDate: "19800214",
      patientSex: "F",
      studyDate: "20250110",
      studyTime: "101500",
      studyDescription: "CT CHEST WITHOUT CONTRAST",
      accessionNumber: "ACC123",
      institutionName: "Carrier General",
      referringPhysicianName: "House^Gregory",
      modality: "CT",
      seriesNumber: 1,
      seriesDescription: "Axial 5.0 mm",
      bodyPartExamined: "CHEST",
      instanceNumber: 2,
      rows: 64,
      columns: 96,
      headerBytes: expect.any(Number) as number,
      pixelDataEnd: ct.bytes.length,
      explicitVr: true,
    });
  });

  it("stops at the Pixel Data tag, before the pixels", async () => {
    const { headerBytes } = await readHeader(ct.bytes);
    expect(headerBytes).toBeLessThan(ct.bytes.length - 64 * 96 * 2);
    // (7FE0,0010) OW, little endian: the header ends exactly where Pixel Data begins.
    expect([...ct.bytes.subarray(headerBytes, headerBytes + 6)]).toEqual([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x57]);
  });

  it("gives the same result fed 7 bytes at a time, and pulls no further than the pixel data tag", async () => {
    const whole = await readHeader(ct.bytes);
    const { source, counter } = chunked(ct.bytes, 7);
    expect(await readPart10Header(source)).toEqual(whole);
    expect(counter.bytesPulled).toBeLessThan(whole.headerBytes + 12 + 7);
  });

  it("leaves a Node stream open for the caller to continue", async () => {
    const stream = Readable.from([Buffer.from(ct.bytes.subarray(0, 1000)), Buffer.from(ct.bytes.subarray(1000))]);
    const chunkSizeAfterHeader = ct.bytes.length - 1000;
    await readPart10Header(stream);
    expect(stream.destroyed).toBe(false);
    let rest = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) rest += chunk.length;
    expect(rest).toBeLessThanOrEqual(chunkSizeAfterHeader);
  });

  it("refuses a file cut short inside its header", async () => {
    await expectDicomFileError(readHeader(ct.bytes.subarray(0, 400)), "truncated");
  });

  it("refuses a header longer than the limit", async () => {
    await expectDicomFileError(readHeader(ct.bytes, { maxHeaderBytes: 500 }), "header_too_large");
  });

  it("names the missing identifier", async () => {
    const withoutStudy = writePart10({
      SOPClassUID: CT_IMAGE_STORAGE,
      SOPInstanceUID: "1.2.3.4",
      SeriesInstanceUID: "1.2.3.5",
      Modality: "CT",
    });
    const error = await expectDicomFileError(readHeader(withoutStudy), "missing_uid");
    expect(error.userMessage).toContain("Study Instance UID");
  });

  it("refuses a private transfer syntax", async () => {
    const gePrivate = "1.2.840.113619.5.2";
    const bytes = Buffer.from(ct.bytes);
    const uidAt = bytes.indexOf(EXPLICIT_VR_LITTLE_ENDIAN + "\0");
    // Same length as the padded original, so the meta group length stays right.
    bytes.write(gePrivate.padEnd(EXPLICIT_VR_LITTLE_ENDIAN.length + 1, "\0"), uidAt, "latin1");
    await expectDicomFileError(readHeader(bytes), "unsupported_transfer_syntax");
  });
});

const MR_SMALL = {
  sopClassUid: "1.2.840.10008.5.1.4.1.1.4",
  sopInstanceUid: "1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457",
  studyInstanceUid: "1.3.6.1.4.1.5962.1.2.4.20040826185059.5457",
  seriesInstanceUid: "1.3.6.1.4.1.5962.1.3.4.1.20040826185059.5457",
  patientName: "CompressedSamples^MR1",
  patientId: "4MR1",
  studyDate: "20040826",
  modality: "MR",
  seriesNumber: 1,
  instanceNumber: 1,
  rows: 64,
  columns: 64,
};

describe("readPart10Header on pydicom's real test files", () => {
  it("reads CT_small.dcm", async () => {
    const header = await readHeader(testFile("CT_small.dcm"));
    expect(header).toMatchObject({
      transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
      sopClassUid: "1.2.840.10008.5.1.4.1.1.2",
      sopInstanceUid: "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322",
      studyInstanceUid: "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322",
      seriesInstanceUid: "1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322",
      patientName: "CompressedSamples^CT1",
      patientId: "1CT1",
      studyDate: "20040119",
      modality: "CT",
      rows: 128,
      columns: 128,
    });
  });

  it.each([
    ["MR_small.dcm", "1.2.840.10008.1.2.1"],
    ["MR_small_implicit.dcm", "1.2.840.10008.1.2"],
    ["MR_small_bigendian.dcm", "1.2.840.10008.1.2.2"],
    ["MR_small_RLE.dcm", "1.2.840.10008.1.2.5"],
    ["MR_small_jp2klossless.dcm", "1.2.840.10008.1.2.4.90"],
    ["MR_small_jpeg_ls_lossless.dcm", "1.2.840.10008.1.2.4.80"],
  ])("reads %s (transfer syntax %s) the same as the others", async (name, transferSyntaxUid) => {
    const file = testFile(name);
    const header = await readHeader(file);
    expect(header).toMatchObject({ ...MR_SMALL, transferSyntaxUid });
    expect(header.headerBytes).toBeLessThan(file.length - 64 * 64);
  });

  it("finds that SC_rgb_jpeg.dcm writes its data set implicit though its meta says explicit", async () => {
    expect(await readHeader(testFile("SC_rgb_jpeg.dcm"))).toMatchObject({ transferSyntaxUid: "1.2.840.10008.1.2.4.50", explicitVr: false, rows: 256, columns: 256 });
    expect(await readHeader(testFile("MR_small_implicit.dcm"))).toMatchObject({ explicitVr: false });
  });

  it("reads JPEG2000.dcm", async () => {
    expect(await readHeader(testFile("JPEG2000.dcm"))).toMatchObject({
      transferSyntaxUid: "1.2.840.10008.1.2.4.91",
      modality: "NM",
      patientName: "CompressedSamples^NM1",
      rows: 1024,
      instanceNumber: 3,
    });
  });

  it("inflates the deflated image_dfl.dcm", async () => {
    expect(await readHeader(testFile("image_dfl.dcm"))).toMatchObject({
      transferSyntaxUid: "1.2.840.10008.1.2.1.99",
      sopClassUid: "1.2.840.10008.5.1.4.1.1.7",
      sopInstanceUid: "1.3.6.1.4.1.5962.1.1.0.0.0.977067309.6001.0",
      studyInstanceUid: "1.3.6.1.4.1.5962.1.2.0.977067310.6001.0",
      seriesInstanceUid: "1.3.6.1.4.1.5962.1.3.0.0.977067310.6001.0",
      modality: "OT",
      rows: 512,
    });
  });

  it("reports a deflated file cut short as truncated", async () => {
    await expectDicomFileError(readHeader(testFile("image_dfl.dcm").subarray(0, 400)), "truncated");
  });

  it("skips the sequences of rtplan.dcm (implicit VR) and reads to its end", async () => {
    const file = testFile("rtplan.dcm");
    const header = await readHeader(file);
    expect(header).toMatchObject({
      transferSyntaxUid: "1.2.840.10008.1.2",
      sopClassUid: "1.2.840.10008.5.1.4.1.1.481.5",
      studyInstanceUid: "1.22.333.4.555555.6.7777777777777777777777777777",
      seriesInstanceUid: "1.2.333.444.55.6.7777.8888",
      patientId: "id00001",
      modality: "RTPLAN",
      seriesNumber: 2,
    });
    expect(header.headerBytes).toBe(file.length);
  });

  it("skips the nested content tree of test-SR.dcm (explicit VR, undefined lengths)", async () => {
    expect(await readHeader(testFile("test-SR.dcm"))).toMatchObject({
      sopClassUid: "1.2.840.10008.5.1.4.1.1.88.33",
      sopInstanceUid: "1.2.276.0.7230010.3.1.4.2139363186.7819.982086466.4",
      modality: "SR",
      patientName: "Test^S R",
      instanceNumber: 1,
    });
  });

  it("reads MR_truncated.dcm's whole header, and says where its pixel data should end, past the end of the file", async () => {
    // The file ends short of the end of Pixel Data; its header is whole, so the size check (ingest) catches it.
    const file = testFile("MR_truncated.dcm");
    const header = await readHeader(file);
    expect(header).toMatchObject(MR_SMALL);
    expect(header.pixelDataEnd).toBeGreaterThan(file.length);
  });

  it.each<[string, DicomFileErrorCode]>([
    ["no_meta.dcm", "no_meta"],
    ["rtstruct.dcm", "no_meta"],
    ["meta_missing_tsyntax.dcm", "no_meta"],
    ["rtplan_truncated.dcm", "truncated"],
    ["README.txt", "not_dicom"],
    ["zipMR.gz", "not_dicom"],
    ["priv_SQ.dcm", "missing_uid"],
  ])("refuses %s with %s", async (name, code) => {
    await expectDicomFileError(readHeader(testFile(name)), code);
  });

  it("refuses an empty file and a text file as not DICOM", async () => {
    await expectDicomFileError(readHeader(new Uint8Array(0)), "not_dicom");
    const text = new TextEncoder().encode("Patient: Zoë Müller\nCT chest 2025-01-10\n".repeat(10));
    const error = await expectDicomFileError(readHeader(text), "not_dicom");
    expect(error.userMessage).toBe("This file is not a DICOM image (it has no DICM marker).");
  });
});
