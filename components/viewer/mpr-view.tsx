"use client";

import { useEffect, useRef, type KeyboardEvent } from "react";
import { PLANES, type MprDisplay } from "./cornerstone/mpr-display";
import type { StudyFacts } from "./dicomweb/study-catalog";
import { ImageOverlay } from "./image-overlay";
import { ImagePane } from "./image-pane";
import { LoadProgress } from "./load-progress";
import { sliceForKey } from "./slice-keys";
import { useDisplayState } from "./use-display-state";

// The series resliced in three planes side by side (one above the other on a phone), each with its
// own slider and keys.

export function MprView({ display, study, seriesLabel }: { display: MprDisplay; study: StudyFacts; seriesLabel: string }) {
  const elements = useRef<HTMLDivElement[]>([]);
  const state = useDisplayState(display);
  useEffect(() => display.attach(elements.current), [display]);

  const positions = PLANES.map((plane, index) => `${plane.label} slice ${(state.planes[index]?.index ?? 0) + 1} of ${state.planes[index]?.count ?? 0}`);

  return (
    <div className="space-y-3">
      <div className="grid gap-3 md:grid-cols-3">
        {PLANES.map((plane, index) => {
          const planeState = state.planes[index] ?? { index: 0, count: 0 };
          const onKeyDown = (event: KeyboardEvent) => {
            const target = sliceForKey(event.key, planeState.index, planeState.count);
            if (target === undefined) return;
            event.preventDefault();
            display.goTo(index, target);
          };
          return (
            <section key={plane.id} aria-labelledby={`plane-${plane.id}`} className="space-y-2">
              <p id={`plane-${plane.id}`} className="font-semibold">
                {plane.label}
              </p>
              <ImagePane
                ref={(node) => {
                  if (node) elements.current[index] = node;
                }}
                label={positions[index]!}
                onKeyDown={onKeyDown}
                failure={index === 0 ? state.failure : undefined}
                opening={!state.drawn}
                className="h-[40dvh] min-h-56"
              >
                {index === 0 ? <ImageOverlay study={study} series={seriesLabel} position={positions[index]!} view={state} /> : null}
              </ImagePane>
              {planeState.count > 1 ? (
                <div>
                  <label htmlFor={`slider-${plane.id}`} className="block text-sm font-semibold">
                    {positions[index]}
                  </label>
                  <input
                    id={`slider-${plane.id}`}
                    type="range"
                    className="min-h-11 w-full accent-brand"
                    min={1}
                    max={planeState.count}
                    value={planeState.index + 1}
                    aria-valuetext={positions[index]}
                    onChange={(event) => display.goTo(index, Number(event.target.value) - 1)}
                  />
                </div>
              ) : null}
            </section>
          );
        })}
      </div>
      <LoadProgress ready={state.ready} count={state.count} />
      <p aria-live="polite" className="sr-only">
        {positions[state.lastMoved]}
      </p>
    </div>
  );
}
