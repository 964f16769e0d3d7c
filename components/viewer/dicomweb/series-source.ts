import type { PendingAnswer } from "./fetch-dicom-json";
import { loadSeriesImages, type SeriesImages } from "./series-images";
import { warmFirstFrame } from "./warm-first-frame";

// Each series' metadata is fetched once per page and shared: the first series starts loading with
// the study list, before the viewer's code has arrived, and its first frame right after. The page
// may have brought the first series' metadata along: it is used once, for the series it is for.

export type SeriesSource = { load(seriesInstanceUid: string): Promise<SeriesImages> };

export function createSeriesSource(dicomWebRoot: string, studyInstanceUid: string, broughtAlong?: PendingAnswer): SeriesSource {
  const loaded = new Map<string, Promise<SeriesImages>>();
  let answer = broughtAlong;
  return {
    load(seriesInstanceUid) {
      let images = loaded.get(seriesInstanceUid);
      if (!images) {
        images = loadSeriesImages(dicomWebRoot, studyInstanceUid, seriesInstanceUid, answer);
        answer = undefined;
        void images.then(warmFirstFrame, () => undefined);
        // A failed load is tried again the next time the series is picked.
        images.catch(() => loaded.delete(seriesInstanceUid));
        loaded.set(seriesInstanceUid, images);
      }
      return images;
    },
  };
}
