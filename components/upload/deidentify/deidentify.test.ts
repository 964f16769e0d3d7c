import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import dcmjs from "dcmjs";
import { describe, expect, it } from "vitest";
import { readPart10Header } from "@/lib/dicom/part10-header";
import { DEIDENTIFIED_NAME, deidentify, pseudonymousUid } from "./deidentify";

// De-identification of real files from Debian's python3-pydicom: what must go is gone, the
// images and their links to each other stay, and the result is still a file Carrier ingests.

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
const options = { secret: "upload-secret", keepDates: false, pseudonym: "CARRIER-123" };

async function fileBytes(name: string): Promise<ArrayBuffer> {
  const buffer = await readFile(join(PYDICOM, name));
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length);
}

function parse(bytes: ArrayBuffer) {
  const message = dcmjs.data.DicomMessage.readFile(bytes);
  return { meta: message.meta, dict: message.dict, natural: dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict) };
}

describe("de-identification (PS3.15 Basic Profile)", () => {
  it("removes the patient, the people, the place and private data, and says it did", async () => {
    const original = parse(await fileBytes("CT_small.dcm"));
    expect(original.natural.InstitutionName).toBeTruthy();
    expect(Object.keys(original.dict).some((tag) => parseInt(tag.slice(0, 4), 16) % 2 === 1)).toBe(true);

    const cleaned = parse(await deidentify(await fileBytes("CT_small.dcm"), options));

    expect(cleaned.natural.PatientName).toEqual([{ Alphabetic: DEIDENTIFIED_NAME }]);
    expect(cleaned.natural.PatientID).toBe("CARRIER-123");
    expect(cleaned.natural.PatientBirthDate ?? "").toBe("");
    expect(cleaned.natural.StudyDate ?? "").toBe("");
    for (const gone of ["InstitutionName", "OtherPatientIDs", "StudyDescription", "SeriesDate", "AcquisitionDate"]) expect(cleaned.natural[gone]).toBeUndefined();
    expect(Object.keys(cleaned.dict).filter((tag) => parseInt(tag.slice(0, 4), 16) % 2 === 1)).toEqual([]);
    expect(cleaned.natural.PatientIdentityRemoved).toBe("YES");
    expect(cleaned.natural.LongitudinalTemporalInformationModified).toBe("REMOVED");
    expect(cleaned.natural.PixelData).toEqual(original.natural.PixelData);
  });

  it("gives new UIDs, the same for the same old UID, in the data set and in the file meta", async () => {
    const original = parse(await fileBytes("CT_small.dcm")).natural;
    const cleaned = parse(await deidentify(await fileBytes("CT_small.dcm"), options));
    const newSop = await pseudonymousUid(original.SOPInstanceUID as string, options.secret);
    expect(cleaned.natural.SOPInstanceUID).toBe(newSop);
    expect(cleaned.meta["00020003"]?.Value).toEqual([newSop]);
    expect(cleaned.natural.StudyInstanceUID).toBe(await pseudonymousUid(original.StudyInstanceUID as string, options.secret));
    expect(cleaned.natural.StudyInstanceUID).toMatch(/^2\.25\.\d{1,39}$/);
    // Another upload's secret gives other UIDs: the copies cannot be linked.
    expect(await pseudonymousUid(original.SOPInstanceUID as string, "other")).not.toBe(newSop);
  });

  it("keeps the dates with the full-dates option", async () => {
    const cleaned = parse(await deidentify(await fileBytes("CT_small.dcm"), { ...options, keepDates: true })).natural;
    expect(cleaned.StudyDate).toBe("20040119");
    expect(cleaned.LongitudinalTemporalInformationModified).toBe("UNMODIFIED");
  });

  it.each(["CT_small.dcm", "MR_small.dcm", "MR_small_RLE.dcm", "JPEG2000.dcm", "MR_small_bigendian.dcm"])("%s stays a file Carrier ingests", async (name) => {
    const cleaned = new Uint8Array(await deidentify(await fileBytes(name), options));
    const header = await readPart10Header(Readable.from([cleaned]));
    expect(header.patientName).toBe(DEIDENTIFIED_NAME);
    expect(header.sopInstanceUid).toMatch(/^2\.25\./);
  });
});
