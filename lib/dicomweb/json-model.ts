// The DICOM JSON Model (PS3.18 Annex F): a data set as an object keyed by eight-hex-digit tags,
// each with its VR and a Value array (or InlineBinary / BulkDataURI for bulk data).

export type JsonAttribute = {
  vr: string;
  Value?: unknown[];
  InlineBinary?: string;
  BulkDataURI?: string;
};
export type JsonDataset = Record<string, JsonAttribute>;

/** Adds an attribute with its values, leaving out empty ones (an absent value says "unknown"). */
export function put(dataset: JsonDataset, tag: string, vr: string, ...values: readonly (string | number | null | undefined)[]): void {
  const present = values.filter((value): value is string | number => value !== null && value !== undefined && value !== "");
  if (present.length === 0) {
    dataset[tag] = { vr };
    return;
  }
  dataset[tag] = { vr, Value: vr === "PN" ? present.map((name) => ({ Alphabetic: String(name) })) : present };
}

/** A DA value from a date column (stored as a UTC date). */
export function dicomDate(date: Date | null | undefined): string | undefined {
  if (!date) return undefined;
  return date.toISOString().slice(0, 10).replaceAll("-", "");
}

/** Keeps a data set's attributes in tag order, as PS3.18 asks of responses. */
export function sorted(dataset: JsonDataset): JsonDataset {
  return Object.fromEntries(Object.entries(dataset).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
