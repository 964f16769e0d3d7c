import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dciodvfy, dcmdump, readFileSet } from "../../scripts/test/cd-check";
import { writeDicomdir, type DirectoryRecord } from "./dicomdir";

// The DICOMDIR writer on its own, with two patients at the root (a download has one): offsets
// between siblings at every level, as pydicom, dcmtk and dciodvfy read them.

const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
const folder = mkdtempSync(path.join(tmpdir(), "carrier-dicomdir-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const text = (vr: string, value: string | number) => ({ vr, Value: [value] });

function patient(name: string, id: string, files: { source: string; fileId: string[]; sopClassUid: string; sopInstanceUid: string }[]): DirectoryRecord {
  const images = files.map((file, index): DirectoryRecord => {
    mkdirSync(path.join(folder, ...file.fileId.slice(0, -1)), { recursive: true });
    copyFileSync(file.source, path.join(folder, ...file.fileId));
    return { type: "IMAGE", keys: { "00200013": text("IS", index + 1) }, file: { ...file, transferSyntaxUid: "1.2.840.10008.1.2.1" }, children: [] };
  });
  const series: DirectoryRecord = { type: "SERIES", keys: { "00080060": text("CS", "CT"), "0020000E": text("UI", `1.2.3.${id.length}.1`), "00200011": text("IS", 1) }, children: images };
  const study: DirectoryRecord = {
    type: "STUDY",
    keys: { "00080020": text("DA", "20260102"), "00080030": text("TM", "101500"), "00080050": { vr: "SH", Value: [] }, "00081030": text("LO", "CT"), "0020000D": text("UI", `1.2.3.${id.length}`), "00200010": text("SH", "1") },
    children: [series],
  };
  return { type: "PATIENT", keys: { "00100010": { vr: "PN", Value: [{ Alphabetic: name }] }, "00100020": text("LO", id) }, children: [study] };
}

describe("writeDicomdir", () => {
  it("links records across several patients so that readers find every file under the right patient", () => {
    const CT = { sopClassUid: "1.2.840.10008.5.1.4.1.1.2", sopInstanceUid: "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322" };
    const MR = { sopClassUid: "1.2.840.10008.5.1.4.1.1.4", sopInstanceUid: "1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457" };
    const roots = [
      patient("Doe^Lee", "A1", [
        { source: path.join(PYDICOM, "CT_small.dcm"), fileId: ["DICOM", "P1", "I1"], ...CT },
        { source: path.join(PYDICOM, "MR_small.dcm"), fileId: ["DICOM", "P1", "I2"], ...MR },
      ]),
      patient("Müller^Jürgen", "B22", [{ source: path.join(PYDICOM, "CT_small.dcm"), fileId: ["DICOM", "P2", "I1"], ...CT }]),
    ];
    writeFileSync(path.join(folder, "DICOMDIR"), writeDicomdir(roots, { fileSetId: "TEST", sopInstanceUid: "1.2.3.4" }));

    const listed = readFileSet(path.join(folder, "DICOMDIR"));
    expect(listed.map((instance) => [instance.fileId, instance.patient.PatientID, instance.patient.PatientName, instance.leaf.InstanceNumber])).toEqual([
      ["DICOM\\P1\\I1", "A1", "Doe^Lee", "1"],
      ["DICOM\\P1\\I2", "A1", "Doe^Lee", "2"],
      ["DICOM\\P2\\I1", "B22", "Müller^Jürgen", "1"],
    ]);
    expect(dciodvfy(path.join(folder, "DICOMDIR"))).toEqual({ errors: [], warnings: [] });
    const dump = dcmdump(path.join(folder, "DICOMDIR"));
    expect(dump.stderr).toBe("");
    // Only the record whose name leaves ASCII declares UTF-8.
    expect(dump.stdout.match(/\(0008,0005\) CS \[ISO_IR 192\]/g)).toHaveLength(1);
  });

  it("refuses File IDs that removable media cannot hold", () => {
    const record: DirectoryRecord = { type: "IMAGE", keys: {}, file: { fileId: ["DICOM", "image.dcm"], sopClassUid: "1.2", sopInstanceUid: "1.2.3", transferSyntaxUid: "1.2.840.10008.1.2.1" }, children: [] };
    expect(() => writeDicomdir([record], { fileSetId: "TEST", sopInstanceUid: "1.2.3.4" })).toThrow(/Not a File ID/);
  });
});
