import { loadSeriesImages, type SeriesImages } from "./series-images";
import { warmFirstFrame } from "./warm-first-frame";

// Each series' metadata is fetched once per page and shared: the first series starts loading with
// the study list, before the viewer's code has arrived, and its first frame right after.

export type SeriesSource = { load(seriesInstanceUid: string): Promise<SeriesImages> };

export function createSeriesSource(dicomWebRoot: string, studyInstanceUid: string): SeriesSource {
  const loaded = new Map<string, Promise<SeriesImages>>();
  return {
    load(seriesInstanceUid) {
      let images = loaded.get(seriesInstanceUid);
      if (!images) {
        images = loadSeriesImages(dicomWebRoot, studyInstanceUid, seriesInstanceUid);
        void images.then(warmFirstFrame, () => undefined);
        // A failed load is tried again the next time the series is picked.
        images.catch(() => loaded.delete(seriesInstanceUid));
        loaded.set(seriesInstanceUid, images);
      }
      return images;
    },
  };
}
