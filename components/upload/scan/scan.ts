import { dicomdirReferences, readHeader } from "./header";
import type { DicomHeader } from "./header";
import { ZipPreviewError, zipEntryHeads } from "./zip-entries";

// What the patient picked, read in the browser before anything is sent: the studies in it (from
// DICOM headers), the files to send, the files skipped and why, and what a CD's DICOMDIR lists
// that is not there.

export type PickedFile = { file: File; path: string };

export type StudyFound = {
  studyInstanceUid: string;
  patientName: string;
  patientBirthDate: string;
  studyDate: string;
  description: string;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
  bytes: number;
};

export type Sendable = { file: File; path: string; kind: "file" | "zip" };
export type Skipped = { path: string; reason: string };
export type ExpectedInstance = { studyInstanceUid: string; sopInstanceUid: string };

export type ScanResult = {
  studies: StudyFound[];
  sendables: Sendable[];
  skipped: Skipped[];
  /** Files a DICOMDIR lists that are not among the picked files. */
  missing: string[];
  expected: ExpectedInstance[];
  /** Zips whose contents could not be previewed (checked on the server after sending). */
  unpreviewedZips: string[];
};

const PARALLEL_READS = 8;
const ZIP_HEAD_BYTES = 64 * 1024;

const isZip = (path: string) => /\.zip$/i.test(path);
const isDicomdir = (path: string) => /(^|\/)DICOMDIR$/i.test(path);
const folderOf = (path: string) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "");
// ISO 9660 names may carry a ";1" version and show in either case.
const cdName = (path: string) => path.replace(/;\d+$/, "").replace(/\.$/, "").toUpperCase();

type Found = { header: DicomHeader; bytes: number };

class Collector {
  private readonly studies = new Map<string, StudyFound & { series: Set<string>; modalitySet: Set<string> }>();
  private readonly seen = new Map<string, string>();
  readonly expected: ExpectedInstance[] = [];
  readonly skipped: Skipped[] = [];

  /** False when the same image was already found in another file. */
  add(path: string, found: Found): boolean {
    const { header } = found;
    const first = this.seen.get(header.sopInstanceUid);
    if (first) {
      this.skipped.push({ path, reason: `The same image as ${first}; it is sent once.` });
      return false;
    }
    this.seen.set(header.sopInstanceUid, path);
    this.expected.push({ studyInstanceUid: header.studyInstanceUid, sopInstanceUid: header.sopInstanceUid });
    let study = this.studies.get(header.studyInstanceUid);
    if (!study) {
      study = {
        studyInstanceUid: header.studyInstanceUid,
        patientName: header.patientName,
        patientBirthDate: header.patientBirthDate,
        studyDate: header.studyDate,
        description: header.studyDescription,
        modalities: [],
        seriesCount: 0,
        instanceCount: 0,
        bytes: 0,
        series: new Set(),
        modalitySet: new Set(),
      };
      this.studies.set(header.studyInstanceUid, study);
    }
    study.series.add(header.seriesInstanceUid);
    if (header.modality) study.modalitySet.add(header.modality);
    study.instanceCount += 1;
    study.bytes += found.bytes;
    return true;
  }

  studiesFound(): StudyFound[] {
    return [...this.studies.values()]
      .map(({ series, modalitySet, ...study }) => ({ ...study, seriesCount: series.size, modalities: [...modalitySet].sort() }))
      .sort((a, b) => b.studyDate.localeCompare(a.studyDate));
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function missingFromDicomdirs(picked: readonly PickedFile[]): Promise<string[]> {
  const present = new Set(picked.map((item) => cdName(item.path)));
  const missing: string[] = [];
  for (const dicomdir of picked.filter((item) => isDicomdir(item.path))) {
    const references = await dicomdirReferences(dicomdir.file);
    const base = folderOf(dicomdir.path);
    for (const reference of references ?? []) {
      if (!present.has(cdName(base + reference))) missing.push(base + reference);
    }
  }
  return missing;
}

export async function scanFiles(picked: readonly PickedFile[], onProgress: (done: number, total: number) => void = () => {}): Promise<ScanResult> {
  const collector = new Collector();
  const sendables: Sendable[] = [];
  const unpreviewedZips: string[] = [];
  const ordered = [...picked].sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true }));
  const dicomFiles = new Map<string, Found>();
  let done = 0;

  await inParallel(ordered, PARALLEL_READS, async (item) => {
    if (!isZip(item.path) && !isDicomdir(item.path)) {
      const read = await readHeader(item.file);
      if (read.ok) dicomFiles.set(item.path, { header: read.header, bytes: item.file.size });
      else collector.skipped.push({ path: item.path, reason: read.reason });
    }
    onProgress(++done, ordered.length);
  });
  // Added in path order, so "the same image as" names the first file the patient would see.
  for (const item of ordered) {
    const found = dicomFiles.get(item.path);
    if (found && collector.add(item.path, found)) sendables.push({ file: item.file, path: item.path, kind: "file" });
  }

  for (const zip of ordered.filter((item) => isZip(item.path))) {
    let images = 0;
    try {
      for await (const entry of zipEntryHeads(zip.file, ZIP_HEAD_BYTES)) {
        if (isDicomdir(entry.name)) continue;
        const read = await readHeader(entry.head);
        if (read.ok && collector.add(`${zip.path}: ${entry.name}`, { header: read.header, bytes: entry.size })) images++;
      }
    } catch (error) {
      if (!(error instanceof ZipPreviewError)) throw error;
      unpreviewedZips.push(zip.path);
    }
    if (images > 0 || unpreviewedZips.includes(zip.path)) sendables.push({ file: zip.file, path: zip.path, kind: "zip" });
    else collector.skipped.push({ path: zip.path, reason: "This zip file holds no DICOM images." });
  }

  return {
    studies: collector.studiesFound(),
    sendables,
    skipped: collector.skipped.sort((a, b) => a.path.localeCompare(b.path, "en", { numeric: true })),
    missing: await missingFromDicomdirs(picked),
    expected: collector.expected,
    unpreviewedZips,
  };
}
