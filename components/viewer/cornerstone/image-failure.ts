// Why an image is not on the screen, in words a patient understands. Details go to the console for
// whoever supports them.

export const IMAGE_FAILED =
  "This image could not be shown. Its file may be damaged, or stored in a way this viewer cannot read. The other images may still open: move to the next one.";
const IMAGE_UNREACHABLE = "This image could not be loaded. Check your internet connection, then move away from this image and back to try again.";
const SIGNED_OUT = "This image could not be loaded because you are no longer signed in. Sign in again to see your images.";

export function imageFailureMessage(error: unknown): string {
  console.warn("Carrier viewer: an image failed to load", error);
  // The image loader rejects with the XMLHttpRequest when the request fails, with an Error when decoding does.
  if (error instanceof XMLHttpRequest) {
    if (error.status === 401) return SIGNED_OUT;
    if (error.status === 0 || error.status >= 500) return IMAGE_UNREACHABLE;
  }
  return IMAGE_FAILED;
}
