import { wadors } from "@cornerstonejs/dicom-image-loader";
import type { SeriesImages } from "../dicomweb/series-images";
import { loaderMetadata } from "./loader-metadata";
import { startCornerstone } from "./start";

// The image loader decodes a WADO-RS frame with its instance's DICOM JSON (size, bits, photometric
// interpretation, rescale, window); a multi-frame instance is registered once, under its first frame.

type LoaderMetadata = Parameters<typeof wadors.metaDataManager.add>[1];

export function registerSeriesMetadata(images: SeriesImages): void {
  // Starting the image loader empties its metadata: it must come first.
  startCornerstone();
  for (const instance of images.instances) wadors.metaDataManager.add(instance.imageId, loaderMetadata(instance.metadata) as unknown as LoaderMetadata);
}
