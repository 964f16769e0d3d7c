import type { DenaturalizedDataset, DicomElement } from "dcmjs";
import { encodeElement, textValue } from "./explicit-le";

// The keys of each DICOMDIR record (PS3.3 F.5), taken from a file's header. Type 1 keys must hold
// a value, type 2 keys must be present (empty if unknown), type 3 keys are copied when the header
// has them. When a file lacks a type 1 value, Carrier's index gives one; failing that, a value is
// made up the way DICOMDIR writers do (dcmmkdir --invent), so that readers still find every file.

type Key = { tag: string; vr: string; type: 1 | 2 | 3 };

export type LeafRecordType =
  | "IMAGE"
  | "SR DOCUMENT"
  | "KEY OBJECT DOC"
  | "PRESENTATION"
  | "WAVEFORM"
  | "RT DOSE"
  | "RT STRUCTURE SET"
  | "RT PLAN"
  | "RT TREAT RECORD"
  | "ENCAP DOC"
  | "RAW DATA"
  | "REGISTRATION"
  | "FIDUCIAL";

const STORAGE = "1.2.840.10008.5.1.4.1.1.";
const EXACT_LEAF_TYPES: Record<string, LeafRecordType> = {
  [`${STORAGE}88.59`]: "KEY OBJECT DOC",
  [`${STORAGE}131`]: "PRESENTATION",
  [`${STORAGE}481.2`]: "RT DOSE",
  [`${STORAGE}481.3`]: "RT STRUCTURE SET",
  [`${STORAGE}481.4`]: "RT TREAT RECORD",
  [`${STORAGE}481.5`]: "RT PLAN",
  [`${STORAGE}481.6`]: "RT TREAT RECORD",
  [`${STORAGE}481.7`]: "RT TREAT RECORD",
  [`${STORAGE}481.8`]: "RT PLAN",
  [`${STORAGE}481.9`]: "RT TREAT RECORD",
  [`${STORAGE}66`]: "RAW DATA",
  [`${STORAGE}66.1`]: "REGISTRATION",
  [`${STORAGE}66.2`]: "FIDUCIAL",
  [`${STORAGE}66.3`]: "REGISTRATION",
};
// Whole families of storage SOP classes (PS3.4 B.5) that share a record type.
const FAMILY_LEAF_TYPES: [RegExp, LeafRecordType][] = [
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.88\.\d+$/, "SR DOCUMENT"],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.11\.\d+$/, "PRESENTATION"],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.9\.\d+(\.\d+)?$/, "WAVEFORM"],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.104\.\d+$/, "ENCAP DOC"],
];

/** The record type for a file of this SOP class: IMAGE unless the class is one of the non-image objects. */
export function leafRecordType(sopClassUid: string): LeafRecordType {
  return EXACT_LEAF_TYPES[sopClassUid] ?? FAMILY_LEAF_TYPES.find(([pattern]) => pattern.test(sopClassUid))?.[1] ?? "IMAGE";
}

const key = (tag: string, vr: string, type: Key["type"]): Key => ({ tag, vr, type });
const INSTANCE_NUMBER = key("00200013", "IS", 1);
const CONTENT_DATE = key("00080023", "DA", 1);
const CONTENT_TIME = key("00080033", "TM", 1);
const CONCEPT_NAME = key("0040A043", "SQ", 1);
const CONTENT_IDENTIFICATION = [INSTANCE_NUMBER, key("00700080", "CS", 1), key("00700081", "LO", 2), key("00700084", "PN", 2)];

// Only the keys the standard lists: dciodvfy reports others as extensions, and viewers read the rest from the files.
const PATIENT_KEYS = [key("00100010", "PN", 2), key("00100020", "LO", 1)];
const STUDY_KEYS = [key("00080020", "DA", 1), key("00080030", "TM", 1), key("00080050", "SH", 2), key("00081030", "LO", 2), key("0020000D", "UI", 1), key("00200010", "SH", 1)];
const SERIES_KEYS = [key("00080060", "CS", 1), key("0020000E", "UI", 1), key("00200011", "IS", 1)];
const LEAF_KEYS: Record<LeafRecordType, Key[]> = {
  IMAGE: [INSTANCE_NUMBER],
  "SR DOCUMENT": [INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME, key("0040A491", "CS", 1), key("0040A493", "CS", 1), CONCEPT_NAME],
  "KEY OBJECT DOC": [INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME, CONCEPT_NAME],
  PRESENTATION: [...CONTENT_IDENTIFICATION, key("00700082", "DA", 1), key("00700083", "TM", 1), key("00081115", "SQ", 3)],
  WAVEFORM: [INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME],
  "RT DOSE": [INSTANCE_NUMBER, key("3004000A", "CS", 1)],
  "RT STRUCTURE SET": [INSTANCE_NUMBER, key("30060002", "SH", 1), key("30060008", "DA", 2), key("30060009", "TM", 2)],
  "RT PLAN": [INSTANCE_NUMBER, key("300A0002", "SH", 1), key("300A0006", "DA", 2), key("300A0007", "TM", 2)],
  "RT TREAT RECORD": [INSTANCE_NUMBER, key("30080250", "DA", 2), key("30080251", "TM", 2)],
  "ENCAP DOC": [INSTANCE_NUMBER, { ...CONTENT_DATE, type: 2 }, { ...CONTENT_TIME, type: 2 }, key("00420010", "ST", 2), key("0040E001", "ST", 3), { ...CONCEPT_NAME, type: 2 }, key("00420012", "LO", 1)],
  "RAW DATA": [INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME],
  REGISTRATION: [...CONTENT_IDENTIFICATION, CONTENT_DATE, CONTENT_TIME],
  FIDUCIAL: [...CONTENT_IDENTIFICATION, CONTENT_DATE, CONTENT_TIME],
};

type Fallback = string | number | null | undefined;

const isBlank = (element: DicomElement | undefined) => !element?.Value?.length || element.Value.every((value) => value === null || value === undefined || value === "");

/** Old ACR-NEMA style dates and times ("1997.04.24", "14:04:38") in the form DA and TM require. */
function normalized(vr: string, element: DicomElement): DicomElement | undefined {
  if (vr !== "DA" && vr !== "TM") return element;
  const value = textValue(element).replace(vr === "DA" ? /\./g : /:/g, "");
  const valid = vr === "DA" ? /^\d{8}$/.test(value) : /^\d{2,6}(\.\d{1,6})?$/.test(value);
  return valid ? { vr, Value: [value] } : undefined;
}

/** The header's element when it has the expected VR and can be written back. */
function fromHeader(header: DenaturalizedDataset | null, wanted: Key): DicomElement | undefined {
  const element = header?.[wanted.tag];
  if (!element || element.vr !== wanted.vr) return undefined;
  const usable = normalized(wanted.vr, element);
  if (!usable) return undefined;
  try {
    encodeElement(wanted.tag, usable);
    return usable;
  } catch {
    return undefined;
  }
}

function keysFrom(keys: readonly Key[], header: DenaturalizedDataset | null, fallbacks: Record<string, Fallback> = {}): DenaturalizedDataset {
  const record: DenaturalizedDataset = {};
  for (const wanted of keys) {
    const found = fromHeader(header, wanted);
    const fallback = fallbacks[wanted.tag];
    if (found && !(wanted.type === 1 && isBlank(found))) record[wanted.tag] = found;
    else if (fallback !== null && fallback !== undefined && fallback !== "") record[wanted.tag] = { vr: wanted.vr, Value: [fallback] };
    else if (found) record[wanted.tag] = found;
    // A type 1 key with no value anywhere is written empty: the file itself lacks it.
    else if (wanted.type !== 3) record[wanted.tag] = { vr: wanted.vr, Value: [] };
  }
  return record;
}

function firstValue(header: DenaturalizedDataset | null, ...tags: string[]): string | undefined {
  for (const tag of tags) {
    const element = header?.[tag];
    const usable = element && normalized(element.vr, element);
    if (usable && !isBlank(usable)) return textValue(usable);
  }
  return undefined;
}

export function patientKeys(header: DenaturalizedDataset | null, index: { patientId: string | null }): DenaturalizedDataset {
  return keysFrom(PATIENT_KEYS, header, { "00100020": index.patientId ?? "UNKNOWN" });
}

export type StudyFacts = { studyInstanceUid: string; studyDate: string | null; studyTime: string | null };

export function studyKeys(header: DenaturalizedDataset | null, index: StudyFacts): DenaturalizedDataset {
  const indexed = { "00080020": { vr: "DA", Value: [index.studyDate] }, "00080030": { vr: "TM", Value: [index.studyTime] } };
  return keysFrom(STUDY_KEYS, header, {
    // When the file has no study date or time: the index's, else its series, acquisition or content date, else a made-up one.
    "00080020": firstValue(indexed, "00080020") ?? firstValue(header, "00080021", "00080022", "00080023") ?? "19000101",
    "00080030": firstValue(indexed, "00080030") ?? firstValue(header, "00080031", "00080032", "00080033") ?? "000000",
    "0020000D": index.studyInstanceUid,
    "00200010": "1",
  });
}

export function seriesKeys(header: DenaturalizedDataset | null, index: { seriesInstanceUid: string; modality: string | null; seriesNumber: number }): DenaturalizedDataset {
  return keysFrom(SERIES_KEYS, header, { "00080060": index.modality ?? "OT", "0020000E": index.seriesInstanceUid, "00200011": index.seriesNumber });
}

/** SR documents that are verified carry the latest verification time in the record (PS3.3 F.5.24). */
function verificationDateTime(header: DenaturalizedDataset | null): DenaturalizedDataset {
  if (firstValue(header, "0040A493") !== "VERIFIED") return {};
  const observers = (header?.["0040A073"]?.Value ?? []) as DenaturalizedDataset[];
  const times = observers.map((observer) => firstValue(observer, "0040A030")).filter((time): time is string => Boolean(time)).sort();
  return times.length > 0 ? { "0040A030": { vr: "DT", Value: [times.at(-1)] } } : {};
}

export function leafKeys(type: LeafRecordType, header: DenaturalizedDataset | null, index: { instanceNumber: number; study: DenaturalizedDataset }): DenaturalizedDataset {
  const studyDate = textValue(index.study["00080020"]!);
  const studyTime = textValue(index.study["00080030"]!);
  const keys = keysFrom(LEAF_KEYS[type], header, {
    "00200013": index.instanceNumber,
    "00080023": studyDate,
    "00080033": studyTime,
    "00700082": studyDate,
    "00700083": studyTime,
    "0040A491": "PARTIAL",
    "0040A493": "UNVERIFIED",
  });
  return type === "SR DOCUMENT" ? { ...keys, ...verificationDateTime(header) } : keys;
}
