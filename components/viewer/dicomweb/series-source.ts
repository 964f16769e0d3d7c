import { loadSeriesImages, type SeriesImages } from "./series-images";

// Each series' metadata is fetched once per page and shared: the first series starts loading with
// the study list, before the viewer's code has arrived.

export type SeriesSource = { load(seriesInstanceUid: string): Promise<SeriesImages> };

export function createSeriesSource(dicomWebRoot: string, studyInstanceUid: string): SeriesSource {
  const loaded = new Map<string, Promise<SeriesImages>>();
  return {
    load(seriesInstanceUid) {
      let images = loaded.get(seriesInstanceUid);
      if (!images) {
        images = loadSeriesImages(dicomWebRoot, studyInstanceUid, seriesInstanceUid);
        // A failed load is tried again the next time the series is picked.
        images.catch(() => loaded.delete(seriesInstanceUid));
        loaded.set(seriesInstanceUid, images);
      }
      return images;
    },
  };
}
