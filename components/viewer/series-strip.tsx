"use client";

import { useState } from "react";
import type { SeriesSummary } from "./dicomweb/study-catalog";

// The study's series as a list of buttons with the server's thumbnail: a column beside the image on
// a wide screen, a row to swipe under it on a phone. The chosen one says so (aria-pressed).

export function seriesLabel(series: SeriesSummary): string {
  const name = series.description ?? (series.modality ? `${series.modality} series` : "Series");
  return series.seriesNumber !== undefined ? `${name} (series ${series.seriesNumber})` : name;
}

function Thumbnail({ url }: { url: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="flex size-16 shrink-0 items-center justify-center rounded-md bg-canvas text-xs text-ink-muted">No preview</span>;
  // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image: next/image's optimizer would cache it
  return <img src={url} alt="" width={64} height={64} loading="lazy" onError={() => setFailed(true)} className="size-16 shrink-0 rounded-md bg-black object-contain" />;
}

export function SeriesStrip({ series, selected, onSelect }: { series: readonly SeriesSummary[]; selected: string; onSelect: (seriesInstanceUid: string) => void }) {
  return (
    <nav aria-label="Series in this study" className="lg:w-56 lg:shrink-0">
      <ul className="flex gap-2 overflow-x-auto pb-2 lg:flex-col lg:overflow-visible">
        {series.map((entry) => {
          const current = entry.seriesInstanceUid === selected;
          return (
            <li key={entry.seriesInstanceUid} className="shrink-0">
              <button
                type="button"
                aria-pressed={current}
                onClick={() => onSelect(entry.seriesInstanceUid)}
                className={`flex w-56 items-center gap-3 rounded-lg border-2 p-2 text-left text-sm ${current ? "border-brand bg-brand-soft" : "border-line bg-surface hover:bg-brand-soft"}`}
              >
                <Thumbnail url={entry.thumbnailUrl} />
                <span>
                  <span className="block font-semibold">{seriesLabel(entry)}</span>
                  {entry.instanceCount !== undefined ? (
                    <span className="block text-ink-muted">
                      {entry.instanceCount} image{entry.instanceCount === 1 ? "" : "s"}
                    </span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
