import { frameAccept } from "./frame-accept";
import type { SeriesImages } from "./series-images";

// The first image of a series is fetched as soon as its metadata is in, while the viewer's code is
// still starting: frames are immutable (the server says so), so when the image loader asks for the
// same frame with the same Accept header, the browser's cache answers.

export function warmFirstFrame(images: SeriesImages): void {
  const first = images.instances[0];
  if (!first) return;
  const url = first.imageId.replace(/^wadors:/, "");
  const accept = frameAccept(first.metadata);
  void fetch(url, { headers: { Accept: accept }, credentials: "same-origin" })
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
}
