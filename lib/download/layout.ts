// Where each file goes in a downloaded study: the layout of a CD from a hospital (PS3.11 General
// Purpose media, PS3.12 ISO 9660 level 1 names): DICOMDIR at the root, the files under DICOM/ in
// folders per patient, study and series, every name upper case, at most 8 characters, no extension.

export const DICOM_FOLDER = "DICOM";
export const DICOMDIR_NAME = "DICOMDIR";
export const README_NAME = "README.TXT";

/** "S0000012": a letter and seven digits, ISO 9660 level 1's longest name. */
function numbered(letter: string, ordinal: number): string {
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > 9_999_999) throw new RangeError(`No CD name for number ${ordinal}`);
  return `${letter}${String(ordinal).padStart(7, "0")}`;
}

/** The File ID components of the n-th file of the n-th series (both counted from 1) of the one study in a download. */
export function instanceFileId(seriesOrdinal: number, instanceOrdinal: number): string[] {
  return [DICOM_FOLDER, numbered("P", 1), numbered("S", 1), numbered("S", seriesOrdinal), numbered("I", instanceOrdinal)];
}

/** Its path inside the zip. */
export const zipPath = (fileId: readonly string[]) => fileId.join("/");
