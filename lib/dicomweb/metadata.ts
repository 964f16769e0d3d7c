import type { DenaturalizedDataset } from "dcmjs";
import type { JsonAttribute, JsonDataset } from "./json-model";
import { sorted } from "./json-model";

// An instance's attributes in the DICOM JSON Model (PS3.18 F.2), from the data set dcmjs parsed.
// Small binary values are inlined; larger top-level ones, and the pixel data, are left at a
// BulkDataURI that Carrier serves; large binary values inside sequences are left out.

const BINARY_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "UN"]);
const NUMBER_STRING_VRS = new Set(["IS", "DS"]);
export const MAX_INLINE_BINARY_BYTES = 4096;

function binaryBytes(values: readonly unknown[]): Uint8Array | undefined {
  const parts = values.filter((value): value is ArrayBuffer => value instanceof ArrayBuffer).map((value) => new Uint8Array(value));
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

function plainValues(vr: string, values: readonly unknown[]): unknown[] {
  return values.map((value) => {
    if (value === "" || value === undefined) return null;
    if (NUMBER_STRING_VRS.has(vr) && typeof value === "string") {
      const number = Number(value);
      return Number.isFinite(number) ? number : null;
    }
    if (vr === "AT" && typeof value === "number") return value.toString(16).toUpperCase().padStart(8, "0");
    if (vr === "PN" && typeof value === "object" && value !== null) {
      const groups = Object.entries(value).filter(([group, name]) => ["Alphabetic", "Ideographic", "Phonetic"].includes(group) && name);
      return groups.length > 0 ? Object.fromEntries(groups) : null;
    }
    return value;
  });
}

function attribute(tag: string, element: { vr: string; Value?: unknown[] }, bulkDataUri: ((tag: string) => string) | undefined): JsonAttribute | undefined {
  const { vr } = element;
  const values = element.Value ?? [];
  if (vr === "SQ") {
    const items = values.filter((item): item is DenaturalizedDataset => typeof item === "object" && item !== null).map((item) => toDicomJson(item));
    return items.length > 0 ? { vr, Value: items } : { vr };
  }
  if (BINARY_VRS.has(vr)) {
    const bytes = binaryBytes(values);
    if (!bytes) return { vr };
    if (bytes.byteLength <= MAX_INLINE_BINARY_BYTES) return { vr, InlineBinary: Buffer.from(bytes).toString("base64") };
    return bulkDataUri ? { vr, BulkDataURI: bulkDataUri(tag) } : undefined;
  }
  const plain = plainValues(vr, values);
  return plain.some((value) => value !== null) ? { vr, Value: plain } : { vr };
}

/**
 * Converts a dcmjs data set to DICOM JSON. `bulkDataUri` names where a top-level binary value
 * too large to inline is served; without it (inside sequences) such values are left out.
 */
export function toDicomJson(dataset: DenaturalizedDataset, bulkDataUri?: (tag: string) => string): JsonDataset {
  const json: JsonDataset = {};
  for (const [tag, element] of Object.entries(dataset)) {
    // Group lengths are meaningless outside the encoded file (PS3.18 F.2.1 leaves them out).
    if (tag.endsWith("0000")) continue;
    const value = attribute(tag.toUpperCase(), element, bulkDataUri);
    if (value) json[tag.toUpperCase()] = value;
  }
  return sorted(json);
}
