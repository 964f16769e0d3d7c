import dcmjs from "dcmjs";
import { asWritten } from "@/lib/dicom/dcmjs-read";

// Reads the identifying header of a DICOM file in the browser with dcmjs, from the first bytes of
// the file only; the pixel data is never read. Deflated files and very long headers need more
// bytes, so a failed first read is retried once on a larger slice.

export type DicomHeader = {
  sopInstanceUid: string;
  sopClassUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  patientName: string;
  patientBirthDate: string;
  patientId: string;
  studyDate: string;
  studyDescription: string;
  seriesDescription: string;
  modality: string;
  seriesNumber: number | null;
};

export type HeaderRead = { ok: true; header: DicomHeader } | { ok: false; reason: string };

const FIRST_SLICE = 64 * 1024;
const SECOND_SLICE = 16 * 1024 * 1024;
const MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

type Naturalized = Record<string, unknown>;

function textOf(value: unknown): string {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  // Person names come as { Alphabetic: "Family^Given" }.
  if (value && typeof value === "object" && "Alphabetic" in value) return textOf((value as { Alphabetic?: unknown }).Alphabetic);
  return "";
}

function hasPreamble(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function parse(buffer: ArrayBuffer): Naturalized | null {
  try {
    // Read as the data set is written, not as its meta says (some files say explicit VR and are not).
    const message = dcmjs.data.DicomMessage.readFile(asWritten(new Uint8Array(buffer)).buffer, { untilTag: "7FE00010", ignoreErrors: true });
    return { ...dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.meta), ...dcmjs.data.DicomMetaDictionary.naturalizeDataset(message.dict) };
  } catch {
    return null;
  }
}

function headerOf(dataset: Naturalized): DicomHeader | null {
  const header = {
    sopInstanceUid: textOf(dataset.SOPInstanceUID) || textOf(dataset.MediaStorageSOPInstanceUID),
    sopClassUid: textOf(dataset.SOPClassUID) || textOf(dataset.MediaStorageSOPClassUID),
    studyInstanceUid: textOf(dataset.StudyInstanceUID),
    seriesInstanceUid: textOf(dataset.SeriesInstanceUID),
    patientName: textOf(dataset.PatientName),
    patientBirthDate: textOf(dataset.PatientBirthDate),
    patientId: textOf(dataset.PatientID),
    studyDate: textOf(dataset.StudyDate),
    studyDescription: textOf(dataset.StudyDescription),
    seriesDescription: textOf(dataset.SeriesDescription),
    modality: textOf(dataset.Modality),
    seriesNumber: Number.isFinite(Number(textOf(dataset.SeriesNumber))) && textOf(dataset.SeriesNumber) !== "" ? Number(textOf(dataset.SeriesNumber)) : null,
  };
  return header.sopInstanceUid && header.studyInstanceUid && header.seriesInstanceUid ? header : null;
}

export async function readHeader(blob: Blob): Promise<HeaderRead> {
  if (blob.size === 0) return { ok: false, reason: "This file is empty (0 bytes)." };
  const first = new Uint8Array(await blob.slice(0, FIRST_SLICE).arrayBuffer());
  if (!hasPreamble(first)) return { ok: false, reason: "Not a DICOM image (no DICOM header)." };
  for (const size of [FIRST_SLICE, SECOND_SLICE]) {
    const buffer = size === FIRST_SLICE ? first.buffer : await blob.slice(0, size).arrayBuffer();
    const dataset = parse(buffer);
    if (dataset && textOf(dataset.MediaStorageSOPClassUID) === MEDIA_STORAGE_DIRECTORY) return { ok: false, reason: "The CD's index (DICOMDIR)." };
    const header = dataset && headerOf(dataset);
    if (header) return { ok: true, header };
    if (blob.size <= size) break;
  }
  return { ok: false, reason: "A DICOM file whose header cannot be read; it may be damaged." };
}

/** The files a DICOMDIR lists, as paths relative to its folder ("DICOM/ST1/SE1/IM1"). */
export async function dicomdirReferences(blob: Blob): Promise<string[] | null> {
  const dataset = parse(await blob.arrayBuffer());
  const records = dataset?.DirectoryRecordSequence;
  if (!Array.isArray(records)) return null;
  const paths = new Set<string>();
  for (const record of records as Naturalized[]) {
    const fileId = record.ReferencedFileID;
    const parts = (Array.isArray(fileId) ? fileId : typeof fileId === "string" ? fileId.split("\\") : []).map((part) => String(part).trim()).filter(Boolean);
    if (parts.length > 0) paths.add(parts.join("/"));
  }
  return [...paths];
}
