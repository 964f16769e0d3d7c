import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Real DICOM test data from Debian's python3-pydicom, laid out as patients bring it.

export const PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

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
