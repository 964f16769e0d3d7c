import dcmjs from "dcmjs";
import type { DenaturalizedDataset, DicomElement } from "dcmjs";
import { BASIC_PROFILE, DATES } from "./basic-profile";
import type { ProfileAction } from "./basic-profile";

// De-identifies a DICOM file in the browser before it is sent (PS3.15 Basic Application Level
// Confidentiality Profile, optionally with full dates kept). UIDs become "2.25." UIDs derived from
// the old UID and a secret of the upload, so the files of one study still form one study, and
// sending the same files again gives the same UIDs. Pixels are untouched: text burned into them
// (common in ultrasound and scanned documents) stays, and the page says so.

export type DeidentifyOptions = {
  /** A random secret of the upload: without it, the new UIDs cannot be traced to the old ones. */
  secret: string;
  keepDates: boolean;
  /** What PatientName and PatientID become. */
  pseudonym: string;
};

export const DEIDENTIFIED_NAME = "ANONYMOUS";

const dictionary = dcmjs.data.DicomMetaDictionary;

function tagOf(keyword: string): string {
  const entry = (dictionary as unknown as { nameMap: Record<string, { tag: string }> }).nameMap[keyword];
  if (!entry) throw new Error(`Unknown DICOM keyword ${keyword}`);
  return entry.tag.replace(/[(),]/g, "").toUpperCase();
}

const ACTIONS = new Map<string, ProfileAction>(Object.entries(BASIC_PROFILE).map(([keyword, action]) => [tagOf(keyword), action]));
const DATE_ACTIONS = new Map<string, "X" | "Z">(Object.entries(DATES).map(([keyword, action]) => [tagOf(keyword), action]));
const PATIENT_NAME = tagOf("PatientName");

/** Private groups (odd), curves (50xx) and overlay data and comments (60xx,3000 / 60xx,4000). */
function alwaysRemoved(tag: string): boolean {
  const group = parseInt(tag.slice(0, 4), 16);
  const element = tag.slice(4);
  if (group % 2 === 1) return true;
  if ((group & 0xff00) === 0x5000) return true;
  return (group & 0xff00) === 0x6000 && (element === "3000" || element === "4000");
}

/** A new UID for an old one: 2.25 and 128 bits of SHA-256(secret, old UID). */
export async function pseudonymousUid(uid: string, secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${secret}\u0000${uid}`)));
  const hex = [...digest.subarray(0, 16)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}

function collectUids(dataset: DenaturalizedDataset, found: Set<string>): void {
  for (const [tag, element] of Object.entries(dataset)) {
    if (element.vr === "SQ") for (const item of element.Value as DenaturalizedDataset[]) collectUids(item ?? {}, found);
    else if (ACTIONS.get(tag) === "U") for (const value of element.Value) if (typeof value === "string" && value) found.add(value);
  }
}

function element(vr: string, values: unknown[]): DicomElement {
  return { vr, Value: values };
}

function clean(dataset: DenaturalizedDataset, uids: Map<string, string>, options: DeidentifyOptions): void {
  for (const [tag, current] of Object.entries(dataset)) {
    if (alwaysRemoved(tag)) {
      delete dataset[tag];
      continue;
    }
    const dateAction = options.keepDates ? undefined : DATE_ACTIONS.get(tag);
    const action = ACTIONS.get(tag) ?? dateAction;
    switch (action) {
      case "X":
        delete dataset[tag];
        continue;
      case "Z":
        dataset[tag] = element(current.vr, []);
        continue;
      case "D":
        dataset[tag] = element(current.vr, [tag === PATIENT_NAME ? { Alphabetic: DEIDENTIFIED_NAME } : options.pseudonym]);
        continue;
      case "U":
        dataset[tag] = element(current.vr, current.Value.map((value) => (typeof value === "string" ? (uids.get(value) ?? value) : value)));
        continue;
      default:
        if (current.vr === "SQ") for (const item of current.Value as DenaturalizedDataset[]) clean(item ?? {}, uids, options);
    }
  }
}

function add(dataset: DenaturalizedDataset, keyword: string, vr: string, values: unknown[]): void {
  dataset[tagOf(keyword)] = element(vr, values);
}

/** A de-identified copy of a DICOM Part 10 file. */
export async function deidentify(bytes: ArrayBuffer, options: DeidentifyOptions): Promise<ArrayBuffer> {
  const message = dcmjs.data.DicomMessage.readFile(bytes);
  const found = new Set<string>();
  collectUids(message.meta, found);
  collectUids(message.dict, found);
  const uids = new Map(await Promise.all([...found].map(async (uid) => [uid, await pseudonymousUid(uid, options.secret)] as const)));
  clean(message.meta, uids, options);
  clean(message.dict, uids, options);
  add(message.dict, "PatientIdentityRemoved", "CS", ["YES"]);
  add(message.dict, "LongitudinalTemporalInformationModified", "CS", [options.keepDates ? "UNMODIFIED" : "REMOVED"]);
  add(message.dict, "DeidentificationMethod", "LO", [options.keepDates ? "PS3.15 Basic Profile, full dates kept (Carrier)" : "PS3.15 Basic Profile (Carrier)"]);
  add(message.dict, "DeidentificationMethodCodeSequence", "SQ", [
    { "00080100": element("SH", ["113100"]), "00080102": element("SH", ["DCM"]), "00080104": element("LO", ["Basic Application Confidentiality Profile"]) },
    ...(options.keepDates ? [{ "00080100": element("SH", ["113106"]), "00080102": element("SH", ["DCM"]), "00080104": element("LO", ["Retain Longitudinal Temporal Information Full Dates Option"]) }] : []),
  ]);
  return message.write();
}
