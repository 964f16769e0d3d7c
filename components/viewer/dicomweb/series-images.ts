import { compareUids } from "@/lib/dicom/uid-order";
import { firstNumber, firstString, numbers, TAG, type DicomJsonDataset } from "./dicom-json";
import { fetchDicomJson, type PendingAnswer } from "./fetch-dicom-json";
import { studyUrl } from "./study-catalog";
import { formsVolume } from "./volume-geometry";

// One series as the viewer pages through it: every frame of every instance that has pixels, in
// instance order, as a `wadors:` image id (WADO-RS /frames/N), with the instance's DICOM JSON
// (WADO-RS /metadata) that the image loader needs to decode it.

export type SeriesInstance = { imageId: string; metadata: DicomJsonDataset };

export type SeriesImages = {
  seriesInstanceUid: string;
  modality?: string;
  description?: string;
  /** One per frame, in display order. */
  imageIds: string[];
  /** One per instance that has pixels: the image id of its first frame and its metadata. */
  instances: SeriesInstance[];
  formsVolume: boolean;
};

// An image has the Image Pixel module (PS3.3 C.7.6.3). Pixel Data itself is bulk data, which some
// servers leave out of the metadata altogether.
function hasPixels(dataset: DicomJsonDataset): boolean {
  return firstNumber(dataset, TAG.rows) !== undefined && firstNumber(dataset, TAG.columns) !== undefined && firstNumber(dataset, TAG.bitsAllocated) !== undefined;
}

/** The viewer's order of a series' images: by instance number, then by SOP Instance UID. */
export function byInstanceNumber(a: DicomJsonDataset, b: DicomJsonDataset): number {
  const difference = (firstNumber(a, TAG.instanceNumber) ?? 0) - (firstNumber(b, TAG.instanceNumber) ?? 0);
  if (difference !== 0) return difference;
  return compareUids(firstString(a, TAG.sopInstanceUid) ?? "", firstString(b, TAG.sopInstanceUid) ?? "");
}

export function seriesImages(dicomWebRoot: string, studyInstanceUid: string, seriesInstanceUid: string, metadata: DicomJsonDataset[]): SeriesImages {
  const base = new URL(`${studyUrl(dicomWebRoot, studyInstanceUid)}/series/${encodeURIComponent(seriesInstanceUid)}/instances/`, window.location.href).href;
  const withPixels = metadata.filter(hasPixels).sort(byInstanceNumber);
  const imageIds: string[] = [];
  const instances = withPixels.map((dataset) => {
    const frameBase = `wadors:${base}${encodeURIComponent(firstString(dataset, TAG.sopInstanceUid) ?? "")}/frames/`;
    const frames = Math.max(1, Math.floor(firstNumber(dataset, TAG.numberOfFrames) ?? 1));
    for (let frame = 1; frame <= frames; frame++) imageIds.push(`${frameBase}${frame}`);
    return { imageId: `${frameBase}1`, metadata: dataset };
  });
  const modality = firstString(metadata[0] ?? {}, TAG.modality);
  const planes = withPixels.map((dataset) => ({
    rows: firstNumber(dataset, TAG.rows),
    columns: firstNumber(dataset, TAG.columns),
    samplesPerPixel: firstNumber(dataset, TAG.samplesPerPixel),
    frames: Math.max(1, Math.floor(firstNumber(dataset, TAG.numberOfFrames) ?? 1)),
    position: numbers(dataset, TAG.imagePositionPatient),
    orientation: numbers(dataset, TAG.imageOrientationPatient),
  }));
  return {
    seriesInstanceUid,
    modality,
    description: firstString(metadata[0] ?? {}, TAG.seriesDescription),
    imageIds,
    instances,
    formsVolume: formsVolume(modality, planes),
  };
}

/** WADO-RS metadata of every instance of a series. */
export function seriesMetadataUrl(dicomWebRoot: string, studyInstanceUid: string, seriesInstanceUid: string): string {
  return `${studyUrl(dicomWebRoot, studyInstanceUid)}/series/${encodeURIComponent(seriesInstanceUid)}/metadata`;
}

export async function loadSeriesImages(dicomWebRoot: string, studyInstanceUid: string, seriesInstanceUid: string, answered?: PendingAnswer): Promise<SeriesImages> {
  const metadata = await fetchDicomJson(seriesMetadataUrl(dicomWebRoot, studyInstanceUid, seriesInstanceUid), undefined, answered);
  return seriesImages(dicomWebRoot, studyInstanceUid, seriesInstanceUid, metadata);
}
