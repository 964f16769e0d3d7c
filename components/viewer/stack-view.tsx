"use client";

import { useEffect, useRef, type KeyboardEvent } from "react";
import type { StackDisplay } from "./cornerstone/stack-display";
import type { FirstPicture, StudyFacts } from "./dicomweb/study-catalog";
import { ImageOverlay } from "./image-overlay";
import { ImagePane } from "./image-pane";
import { LoadProgress } from "./load-progress";
import { OpeningPicture } from "./opening-picture";
import { sliceForKey } from "./slice-keys";
import { useDisplayState } from "./use-display-state";

// One series as a stack of images: the picture with its overlay, and under it the slider that pages
// through it (labelled with the image number) and how many images are loaded.

type Props = { display: StackDisplay; study: StudyFacts; seriesLabel: string; /** The server's drawing of the first image, shown until the viewer draws it. */ firstPicture?: FirstPicture };

export function StackView({ display, study, seriesLabel, firstPicture }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const state = useDisplayState(display);
  useEffect(() => display.attach(element.current!), [display]);

  const position = `Image ${state.index + 1} of ${state.count}`;
  const onKeyDown = (event: KeyboardEvent) => {
    const target = sliceForKey(event.key, state.index, state.count);
    if (target === undefined) return;
    event.preventDefault();
    display.goTo(target);
  };

  return (
    <div className="space-y-3">
      <ImagePane ref={element} label={`${seriesLabel}, ${position}`} onKeyDown={onKeyDown} failure={state.failure} opening={!state.drawn} className="h-[60dvh] min-h-72">
        {firstPicture && !state.drawn && !state.failure && state.index === 0 ? <OpeningPicture picture={firstPicture} /> : null}
        <ImageOverlay study={study} series={seriesLabel} position={position} view={state} />
      </ImagePane>
      {state.count > 1 ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <label htmlFor="image-slider" className="min-w-36 font-semibold">
            {position}
          </label>
          <input
            id="image-slider"
            type="range"
            className="min-h-11 flex-1 accent-brand"
            min={1}
            max={state.count}
            value={state.index + 1}
            aria-valuetext={position}
            onChange={(event) => display.goTo(Number(event.target.value) - 1)}
          />
        </div>
      ) : null}
      <LoadProgress ready={state.ready} count={state.count} unreadable={state.unreadable} />
      <p aria-live="polite" className="sr-only">
        {state.playing ? "" : position}
      </p>
    </div>
  );
}
