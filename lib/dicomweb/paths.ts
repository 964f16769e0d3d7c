import type { QueryLevel } from "./qido-query";

// The resources of PS3.18's URI space that Carrier serves, parsed from the path below the
// DICOMweb root. Anything else is not found.

export type Resource =
  | { kind: "search"; level: QueryLevel; studyUid?: string; seriesUid?: string }
  | { kind: "retrieve"; studyUid: string; seriesUid?: string; sopUid?: string }
  | { kind: "metadata"; studyUid: string; seriesUid?: string; sopUid?: string }
  | { kind: "frames"; studyUid: string; seriesUid: string; sopUid: string; frames: string }
  | { kind: "bulkdata"; studyUid: string; seriesUid: string; sopUid: string; tag: string }
  | { kind: "rendered"; studyUid: string; seriesUid?: string; sopUid?: string; frame?: number; thumbnail: boolean }
  | { kind: "store"; studyUid?: string };

const UID = /^[0-9]+(\.[0-9]+)*$/;
const TAG = /^[0-9A-Fa-f]{8}$/;

/** Parses the path segments of a request (after /api/dicomweb) for `method`. */
export function parseResource(method: string, segments: readonly string[]): Resource | null {
  const [top, studyUid, level2, seriesUid, level3, sopUid, level4, extra, level5, ...rest] = segments;
  if (rest.length > 0) return null;
  const uids = [studyUid, seriesUid, sopUid].filter((uid) => uid !== undefined);
  if (uids.some((uid) => uid.length > 64 || !UID.test(uid))) return null;

  if (method === "POST") {
    if (top === "studies" && segments.length <= 2) return { kind: "store", studyUid };
    return null;
  }
  if (method !== "GET" && method !== "HEAD") return null;

  if (segments.length === 1) {
    if (top === "studies") return { kind: "search", level: "study" };
    if (top === "series") return { kind: "search", level: "series" };
    if (top === "instances") return { kind: "search", level: "instance" };
    return null;
  }
  if (top !== "studies" || !studyUid) return null;
  // /studies/{study}[/...]
  if (segments.length === 2) return { kind: "retrieve", studyUid };
  if (segments.length === 3) {
    if (level2 === "series") return { kind: "search", level: "series", studyUid };
    if (level2 === "instances") return { kind: "search", level: "instance", studyUid };
    if (level2 === "metadata") return { kind: "metadata", studyUid };
    if (level2 === "rendered" || level2 === "thumbnail") return { kind: "rendered", studyUid, thumbnail: level2 === "thumbnail" };
    return null;
  }
  if (level2 !== "series" || !seriesUid) return null;
  // /studies/{study}/series/{series}[/...]
  if (segments.length === 4) return { kind: "retrieve", studyUid, seriesUid };
  if (segments.length === 5) {
    if (level3 === "instances") return { kind: "search", level: "instance", studyUid, seriesUid };
    if (level3 === "metadata") return { kind: "metadata", studyUid, seriesUid };
    if (level3 === "rendered" || level3 === "thumbnail") return { kind: "rendered", studyUid, seriesUid, thumbnail: level3 === "thumbnail" };
    return null;
  }
  if (level3 !== "instances" || !sopUid) return null;
  // /studies/{study}/series/{series}/instances/{instance}[/...]
  if (segments.length === 6) return { kind: "retrieve", studyUid, seriesUid, sopUid };
  if (segments.length === 7) {
    if (level4 === "metadata") return { kind: "metadata", studyUid, seriesUid, sopUid };
    if (level4 === "rendered" || level4 === "thumbnail") return { kind: "rendered", studyUid, seriesUid, sopUid, thumbnail: level4 === "thumbnail" };
    return null;
  }
  if (level4 === "frames" && extra && (level5 === "rendered" || level5 === "thumbnail")) {
    // One frame drawn (PS3.18 10.4.1.1.3 allows a list; Carrier draws a single frame).
    return /^\d{1,7}$/.test(extra) ? { kind: "rendered", studyUid, seriesUid, sopUid, frame: Number(extra), thumbnail: level5 === "thumbnail" } : null;
  }
  if (level5 !== undefined) return null;
  if (level4 === "frames" && extra) return { kind: "frames", studyUid, seriesUid, sopUid, frames: extra };
  if (level4 === "bulkdata" && extra && TAG.test(extra)) return { kind: "bulkdata", studyUid, seriesUid, sopUid, tag: extra.toUpperCase() };
  return null;
}
