import { InvalidInputError } from "../errors";

// The query of a QIDO-RS search (PS3.18 8.3.4): matching keys by keyword or tag, includefield,
// limit and offset. Parsing is separate from running so the rules read in one place.

export type QueryLevel = "study" | "series" | "instance";

type KeyKind = "uid" | "text" | "date" | "integer";
type MatchingKey = { keyword: string; tag: string; level: QueryLevel; kind: KeyKind };

const MATCHING_KEYS: readonly MatchingKey[] = [
  { keyword: "StudyInstanceUID", tag: "0020000D", level: "study", kind: "uid" },
  { keyword: "PatientName", tag: "00100010", level: "study", kind: "text" },
  { keyword: "PatientID", tag: "00100020", level: "study", kind: "text" },
  { keyword: "PatientBirthDate", tag: "00100030", level: "study", kind: "date" },
  { keyword: "StudyDate", tag: "00080020", level: "study", kind: "date" },
  { keyword: "AccessionNumber", tag: "00080050", level: "study", kind: "text" },
  { keyword: "ModalitiesInStudy", tag: "00080061", level: "study", kind: "text" },
  { keyword: "StudyDescription", tag: "00081030", level: "study", kind: "text" },
  { keyword: "ReferringPhysicianName", tag: "00080090", level: "study", kind: "text" },
  { keyword: "SeriesInstanceUID", tag: "0020000E", level: "series", kind: "uid" },
  { keyword: "Modality", tag: "00080060", level: "series", kind: "text" },
  { keyword: "SeriesNumber", tag: "00200011", level: "series", kind: "integer" },
  { keyword: "SeriesDescription", tag: "0008103E", level: "series", kind: "text" },
  { keyword: "SOPInstanceUID", tag: "00080018", level: "instance", kind: "uid" },
  { keyword: "SOPClassUID", tag: "00080016", level: "instance", kind: "uid" },
  { keyword: "InstanceNumber", tag: "00200013", level: "instance", kind: "integer" },
];
const BY_NAME = new Map(MATCHING_KEYS.flatMap((key) => [[key.keyword.toLowerCase(), key] as const, [key.tag.toLowerCase(), key] as const]));
const LEVEL_DEPTH: Record<QueryLevel, number> = { study: 0, series: 1, instance: 2 };

export const MAX_LIMIT = 1000;

export type DateRange = { from?: string; to?: string };

export type Match =
  | { keyword: string; kind: "uid"; values: string[] }
  | { keyword: string; kind: "text"; pattern: string }
  | { keyword: string; kind: "date"; range: DateRange }
  | { keyword: string; kind: "integer"; values: number[] };

export type QidoQuery = {
  matches: Match[];
  /** Tags of extra attributes asked for; "all" for every one Carrier can give. */
  includeFields: string[] | "all";
  limit: number;
  offset: number;
  /** Words for a Warning header: keys Carrier does not match on, fuzzy matching asked for. */
  warnings: string[];
};

const DATE = /^\d{8}$/;

function parseDateRange(keyword: string, value: string): DateRange {
  const [from, to, extra] = value.split("-");
  const bad = () => new InvalidInputError(`${keyword} must be a date (YYYYMMDD) or a range of dates (YYYYMMDD-YYYYMMDD, -YYYYMMDD or YYYYMMDD-).`);
  if (extra !== undefined) throw bad();
  if (to === undefined) {
    if (!DATE.test(value)) throw bad();
    return { from: value, to: value };
  }
  if ((from && !DATE.test(from)) || (to && !DATE.test(to)) || (!from && !to)) throw bad();
  return { from: from || undefined, to: to || undefined };
}

function parseMatch(key: MatchingKey, raw: string): Match {
  // A list of values is separated by backslashes (PS3.18 8.3.4.1) or, as many clients send, commas.
  const values = raw.split(/[\\,]/).map((value) => value.trim()).filter(Boolean);
  switch (key.kind) {
    case "uid":
      if (values.some((value) => !/^[0-9.]{1,64}$/.test(value))) throw new InvalidInputError(`${key.keyword} must be one or more UIDs (digits and dots).`);
      return { keyword: key.keyword, kind: "uid", values };
    case "integer":
      if (values.some((value) => !/^-?\d{1,9}$/.test(value))) throw new InvalidInputError(`${key.keyword} must be a whole number.`);
      return { keyword: key.keyword, kind: "integer", values: values.map(Number) };
    case "date":
      return { keyword: key.keyword, kind: "date", range: parseDateRange(key.keyword, raw.trim()) };
    case "text":
      return { keyword: key.keyword, kind: "text", pattern: raw.trim() };
  }
}

function parseIncludeFields(values: string[]): string[] | "all" {
  const fields = values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  if (fields.some((field) => field.toLowerCase() === "all")) return "all";
  return fields.map((field) => BY_NAME.get(field.toLowerCase())?.tag ?? field.toUpperCase());
}

function parseCount(name: string, value: string | null, fallback: number, max: number): number {
  if (value === null) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new InvalidInputError(`${name} must be a whole number of 0 or more.`);
  return Math.min(Number(value), max);
}

/** Parses the search of a QIDO-RS request at `level`; keys of deeper levels than asked are refused. */
export function parseQidoQuery(params: URLSearchParams, level: QueryLevel): QidoQuery {
  const matches: Match[] = [];
  const unsupported: string[] = [];
  const warnings: string[] = [];
  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    if (["limit", "offset", "includefield"].includes(lower)) continue;
    if (lower === "fuzzymatching") {
      if (value === "true") warnings.push("Fuzzy matching is not supported; names were matched exactly (with wildcards).");
      continue;
    }
    const key = BY_NAME.get(lower);
    if (!key) {
      unsupported.push(name);
      continue;
    }
    if (LEVEL_DEPTH[key.level] > LEVEL_DEPTH[level]) throw new InvalidInputError(`${key.keyword} cannot be matched in a search for ${level === "study" ? "studies" : "series"}.`);
    if (value.trim() === "") continue; // Universal matching: an empty key matches everything.
    matches.push(parseMatch(key, value));
  }
  if (unsupported.length > 0) warnings.push(`These attributes are not supported as matching keys and were ignored: ${unsupported.join(", ")}.`);
  return {
    matches,
    includeFields: parseIncludeFields(params.getAll("includefield")),
    limit: parseCount("limit", params.get("limit"), MAX_LIMIT, MAX_LIMIT),
    offset: parseCount("offset", params.get("offset"), 0, Number.MAX_SAFE_INTEGER),
    warnings,
  };
}

/**
 * A DICOM wildcard pattern (`*` any run, `?` one character) as a case-insensitive RegExp, and
 * the literal parts a database can narrow on before the RegExp decides.
 */
export function wildcard(pattern: string): { regex: RegExp; prefix: string; suffix: string; literal: boolean } {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  const firstWildcard = pattern.search(/[*?]/);
  const literal = firstWildcard === -1;
  const lastWildcard = Math.max(pattern.lastIndexOf("*"), pattern.lastIndexOf("?"));
  return {
    regex: new RegExp(`^${escaped}$`, "is"),
    prefix: literal ? pattern : pattern.slice(0, firstWildcard),
    suffix: literal ? pattern : pattern.slice(lastWildcard + 1),
    literal,
  };
}
