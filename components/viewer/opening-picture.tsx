"use client";

import { useEffect, useRef, useState } from "react";
import type { FirstPicture } from "./dicomweb/study-catalog";

// The opening image as the server drew it (WADO-RS rendered, with the file's own window), shown
// the moment the page arrives and kept over cornerstone's canvas until cornerstone draws the same
// image itself: a patient sees their picture while the viewer's tools are still starting. A picture
// the server could not draw is simply not shown: the viewer says what is wrong when it gets there.

export const OPENING_PICTURE_ALT = "Your first image, as it opens in the viewer";

/** The picture alone, laid over the frame it sits in; it takes no clicks or touches. */
export function OpeningPicture({ picture }: { picture: FirstPicture }) {
  const image = useRef<HTMLImageElement>(null);
  const [failed, setFailed] = useState(false);
  // It may have failed before React was listening (the page's HTML asked for it).
  useEffect(() => {
    if (image.current?.complete && image.current.naturalWidth === 0) setFailed(true);
  }, []);
  if (failed) return null;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- drawn by our DICOMweb service for this user; next/image would only copy it
    <img ref={image} src={picture.url} alt={OPENING_PICTURE_ALT} onError={() => setFailed(true)} className="pointer-events-none absolute inset-0 size-full object-contain" />
  );
}

/** Before the viewer's code has arrived: the picture in a frame shaped like the viewer's. */
export function OpeningFrame({ picture }: { picture: FirstPicture }) {
  return (
    <div className="relative h-[60dvh] min-h-72 overflow-hidden rounded-xl bg-black">
      <OpeningPicture picture={picture} />
      <p role="status" className="absolute inset-x-3 bottom-3 mx-auto w-fit rounded-lg bg-black/75 px-3 py-2 text-white">
        Opening the image…
      </p>
    </div>
  );
}
