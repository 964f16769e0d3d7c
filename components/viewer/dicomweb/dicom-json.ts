// Reading values out of the DICOM JSON model (PS3.18 F.2): attributes keyed by tag, each with a VR
// and a Value array. Missing attributes and empty values read as undefined.

export type DicomJsonValue = string | number | { Alphabetic?: string } | DicomJsonDataset;
export type DicomJsonAttribute = { vr: string; Value?: DicomJsonValue[]; BulkDataURI?: string; InlineBinary?: string };
export type DicomJsonDataset = Record<string, DicomJsonAttribute | undefined>;

export function firstString(dataset: DicomJsonDataset, tag: string): string | undefined {
  const value = dataset[tag]?.Value?.[0];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") return "Alphabetic" in value && typeof value.Alphabetic === "string" ? value.Alphabetic : undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

export function firstNumber(dataset: DicomJsonDataset, tag: string): number | undefined {
  return numbers(dataset, tag)?.[0];
}

/** All values as numbers (DS and IS arrive as strings or numbers); undefined if any is not a number. */
export function numbers(dataset: DicomJsonDataset, tag: string): number[] | undefined {
  const values = dataset[tag]?.Value;
  if (!values || values.length === 0) return undefined;
  const parsed = values.map((value) => (typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN));
  return parsed.every(Number.isFinite) ? parsed : undefined;
}

export const TAG = {
  patientName: "00100010",
  patientId: "00100020",
  patientBirthDate: "00100030",
  studyDate: "00080020",
  studyDescription: "00081030",
  studyInstanceUid: "0020000D",
  seriesInstanceUid: "0020000E",
  seriesDescription: "0008103E",
  seriesNumber: "00200011",
  modality: "00080060",
  numberOfSeriesRelatedInstances: "00201209",
  sopInstanceUid: "00080018",
  sopClassUid: "00080016",
  instanceNumber: "00200013",
  numberOfFrames: "00280008",
  rows: "00280010",
  columns: "00280011",
  samplesPerPixel: "00280002",
  imagePositionPatient: "00200032",
  imageOrientationPatient: "00200037",
  bitsAllocated: "00280100",
} as const;
