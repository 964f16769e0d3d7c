import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import dcmjs from "dcmjs";
import type { NaturalizedDataset } from "dcmjs";
import { CARRIER_IMPLEMENTATION_VERSION_NAME, EXPLICIT_VR_LITTLE_ENDIAN } from "./part10-write";
import { CT_IMAGE_STORAGE, syntheticCtSeries } from "./synthetic-ct";
import type { SyntheticCtOptions, SyntheticInstance } from "./synthetic-ct";
import { isDicomUid } from "./uid";

const { DicomMessage, DicomMetaDictionary } = dcmjs.data;

const options: SyntheticCtOptions = {
  patient: { name: "Müller^Zoë", patientId: "MRN-0042", birthDate: "19800214", sex: "F" },
  study: {
    date: "20250110",
    time: "101500",
    accessionNumber: "ACC123",
    description: "CT CHEST WITHOUT CONTRAST",
    institution: "Carrier General",
    referringPhysician: "House^Gregory",
  },
  seed: "synthetic-ct-test",
};

interface ParsedInstance {
  meta: NaturalizedDataset;
  dataset: NaturalizedDataset;
}

function parse(instance: SyntheticInstance): ParsedInstance {
  const { bytes } = instance;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const file = DicomMessage.readFile(buffer as ArrayBuffer);
  return {
    meta: DicomMetaDictionary.naturalizeDataset(file.meta),
    dataset: DicomMetaDictionary.naturalizeDataset(file.dict),
  };
}

function storedPixel(dataset: NaturalizedDataset, row: number, column: number): number {
  const [pixelData] = dataset.PixelData as ArrayBuffer[];
  const columns = dataset.Columns as number;
  return new DataView(pixelData!).getInt16((row * columns + column) * 2, true);
}

describe("syntheticCtSeries", () => {
  const series = syntheticCtSeries(options);
  const parsed = series.map(parse);

  it("writes one Part 10 file per slice, each with the 128-byte preamble and DICM", () => {
    expect(series).toHaveLength(12);
    for (const { bytes } of series) {
      expect(bytes.subarray(0, 128).every((byte) => byte === 0)).toBe(true);
      expect(new TextDecoder().decode(bytes.subarray(128, 132))).toBe("DICM");
    }
  });

  it("writes file meta naming CT Image Storage, Explicit VR Little Endian and Carrier", () => {
    for (const [index, { meta }] of parsed.entries()) {
      expect(meta.MediaStorageSOPClassUID).toBe(CT_IMAGE_STORAGE);
      expect(meta.MediaStorageSOPInstanceUID).toBe(series[index]!.sopInstanceUid);
      expect(meta.TransferSyntaxUID).toBe(EXPLICIT_VR_LITTLE_ENDIAN);
      expect(meta.ImplementationVersionName).toBe(CARRIER_IMPLEMENTATION_VERSION_NAME);
      expect(isDicomUid(meta.ImplementationClassUID as string)).toBe(true);
    }
  });

  it("shares one study and series and gives every instance its own valid UID", () => {
    const [first] = series;
    expect(new Set(series.map((instance) => instance.studyInstanceUid))).toEqual(new Set([first!.studyInstanceUid]));
    expect(new Set(series.map((instance) => instance.seriesInstanceUid)).size).toBe(1);
    expect(new Set(series.map((instance) => instance.sopInstanceUid)).size).toBe(series.length);
    for (const instance of series) {
      for (const uid of [instance.studyInstanceUid, instance.seriesInstanceUid, instance.sopInstanceUid]) {
        expect(isDicomUid(uid)).toBe(true);
        expect(uid.startsWith("2.25.")).toBe(true);
      }
    }
  });

  it("parses back with the identifiers, patient and image attributes it was given", () => {
    for (const [index, { dataset }] of parsed.entries()) {
      const instance = series[index]!;
      expect(dataset.SOPClassUID).toBe(CT_IMAGE_STORAGE);
      expect(dataset.SOPInstanceUID).toBe(instance.sopInstanceUid);
      expect(dataset.SeriesInstanceUID).toBe(instance.seriesInstanceUid);
      expect(dataset.StudyInstanceUID).toBe(instance.studyInstanceUid);
      expect(dataset.PatientName).toEqual([{ Alphabetic: "Müller^Zoë" }]);
      expect(dataset.PatientID).toBe("MRN-0042");
      expect(dataset.PatientBirthDate).toBe("19800214");
      expect(dataset.AccessionNumber).toBe("ACC123");
      expect(dataset.Modality).toBe("CT");
      expect(dataset.ImageType).toEqual(["ORIGINAL", "PRIMARY", "AXIAL"]);
      expect(dataset.Rows).toBe(128);
      expect(dataset.Columns).toBe(128);
      expect(dataset.RescaleIntercept).toBe(-1024);
      expect(dataset.PixelRepresentation).toBe(1);
    }
  });

  it("numbers instances 1..N with ImagePositionPatient stepping up along z", () => {
    const instanceNumbers = parsed.map(({ dataset }) => dataset.InstanceNumber);
    expect(instanceNumbers).toEqual(series.map((_, index) => index + 1));
    expect(series.map((instance) => instance.instanceNumber)).toEqual(instanceNumbers);
    const zs = parsed.map(({ dataset }) => (dataset.ImagePositionPatient as number[])[2]!);
    zs.slice(1).forEach((z, index) => expect(z).toBeGreaterThan(zs[index]!));
    expect(parsed.map(({ dataset }) => dataset.SliceLocation)).toEqual(zs);
  });

  it("holds rows × columns signed 16-bit pixels: soft tissue in the centre, air in the corner", () => {
    for (const { dataset } of parsed) {
      const [pixelData] = dataset.PixelData as ArrayBuffer[];
      expect(pixelData!.byteLength).toBe(128 * 128 * 2);
      // Stored = HU + 1024: soft tissue 40 HU stores near 1064, air -1000 HU near 24.
      expect(Math.abs(storedPixel(dataset, 64, 64) - 1064)).toBeLessThanOrEqual(20);
      expect(Math.abs(storedPixel(dataset, 0, 0) - 24)).toBeLessThanOrEqual(20);
    }
  });

  it("draws lungs that change size through the stack", () => {
    const lungPixels = parsed.map(({ dataset }) => {
      const [pixelData] = dataset.PixelData as ArrayBuffer[];
      const stored = new Int16Array(pixelData!);
      return stored.filter((value) => value - 1024 < -700 && value - 1024 > -900).length;
    });
    const middle = lungPixels[Math.floor(lungPixels.length / 2)]!;
    expect(middle).toBeGreaterThan(lungPixels[0]! * 2);
    expect(middle).toBeGreaterThan(lungPixels.at(-1)! * 2);
  });

  it("is byte-for-byte reproducible with a seed, and random without one", () => {
    const fingerprint = (instances: SyntheticInstance[]) =>
      instances.map((instance) => createHash("sha256").update(instance.bytes).digest("hex"));
    expect(fingerprint(syntheticCtSeries(options))).toEqual(fingerprint(series));

    const { seed: _seed, ...unseeded } = options;
    const first = syntheticCtSeries({ ...unseeded, slices: 2 });
    const second = syntheticCtSeries({ ...unseeded, slices: 2 });
    expect(first[0]!.studyInstanceUid).not.toBe(second[0]!.studyInstanceUid);
    expect(first[0]!.sopInstanceUid).not.toBe(second[0]!.sopInstanceUid);
  });

  it("uses a given study UID, slice count and matrix size", () => {
    const studyInstanceUid = "1.2.826.0.1.3680043.2.1125.1";
    const small = syntheticCtSeries({
      ...options,
      study: { ...options.study, studyInstanceUid },
      slices: 3,
      size: { rows: 64, columns: 96 },
    });
    expect(small).toHaveLength(3);
    const { dataset } = parse(small[2]!);
    expect(dataset.StudyInstanceUID).toBe(studyInstanceUid);
    expect([dataset.Rows, dataset.Columns]).toEqual([64, 96]);
    expect((dataset.PixelData as ArrayBuffer[])[0]!.byteLength).toBe(64 * 96 * 2);
  });

  it("rejects values that would make an invalid DICOM element", () => {
    const withStudy = (study: Partial<SyntheticCtOptions["study"]>) => ({
      ...options,
      study: { ...options.study, ...study },
    });
    expect(() => syntheticCtSeries(withStudy({ date: "2025-01-10" }))).toThrow(/YYYYMMDD/);
    expect(() => syntheticCtSeries(withStudy({ accessionNumber: "A\\B" }))).toThrow(/backslash/);
    expect(() => syntheticCtSeries(withStudy({ studyInstanceUid: "1.2.abc" }))).toThrow(/DICOM UID/);
  });
});
