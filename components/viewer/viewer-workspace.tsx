"use client";

import { useEffect, useMemo, useState } from "react";
import { releaseViewerEngine, viewerEngine } from "./cornerstone/engine";
import { MprDisplay } from "./cornerstone/mpr-display";
import { registerSeriesMetadata } from "./cornerstone/register-series";
import { StackDisplay } from "./cornerstone/stack-display";
import type { Measurement } from "./cornerstone/measurements";
import type { ViewerTool } from "./cornerstone/tool-group";
import type { ViewSettings } from "./cornerstone/view-actions";
import { ViewerLoadError } from "./dicomweb/fetch-dicom-json";
import type { SeriesImages } from "./dicomweb/series-images";
import type { SeriesSource } from "./dicomweb/series-source";
import { openingSeries, type FirstPicture, type StudyCatalog } from "./dicomweb/study-catalog";
import { MeasurementList } from "./measurement-list";
import { milestone } from "./milestone";
import { MprView } from "./mpr-view";
import { OpeningFrame } from "./opening-picture";
import { SeriesStrip, seriesLabel } from "./series-strip";
import { StackView } from "./stack-view";
import { useDisplayState } from "./use-display-state";
import { ViewerMessage } from "./viewer-message";
import { ViewerToolbar, type ToolbarActions } from "./viewer-toolbar";
import { IMAGE_DEFAULT, WINDOW_PRESETS } from "./window-presets";

// The viewer itself (loaded only on viewer pages: it brings cornerstone): the series list, the
// toolbar, the chosen series as a stack or in three planes, and the measurements drawn on it.

/** Starts cornerstone (WebGL, decoders) while the study's metadata is still on its way. */
export function prepareViewer(): void {
  viewerEngine();
  milestone("cornerstone started");
}

type Loaded = { seriesInstanceUid: string; images?: SeriesImages; problem?: string };

type WorkspaceProps = { catalog: StudyCatalog; source: SeriesSource; firstSeries?: string; firstPicture?: FirstPicture };

export function ViewerWorkspace({ catalog, source, firstSeries, firstPicture }: WorkspaceProps) {
  const [selected, setSelected] = useState(() => openingSeries(catalog, firstSeries).seriesInstanceUid);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [mpr, setMpr] = useState(false);
  useEffect(() => releaseViewerEngine, []);

  useEffect(() => {
    let current = true;
    source.load(selected).then(
      (images) => {
        milestone("series metadata");
        registerSeriesMetadata(images);
        if (current) setLoaded({ seriesInstanceUid: selected, images });
      },
      (error: unknown) => {
        console.warn("Carrier viewer: a series could not be loaded", error);
        if (current) setLoaded({ seriesInstanceUid: selected, problem: error instanceof ViewerLoadError ? error.userMessage : "This series could not be loaded just now. Try again in a moment." });
      },
    );
    return () => {
      current = false;
    };
  }, [source, selected]);

  const summary = catalog.series.find((series) => series.seriesInstanceUid === selected) ?? catalog.series[0]!;
  const images = loaded?.seriesInstanceUid === selected ? loaded.images : undefined;
  const showMpr = mpr && (images?.formsVolume ?? false);
  const display = useMemo(() => {
    if (!images || images.imageIds.length === 0) return null;
    return showMpr ? new MprDisplay(images.imageIds, images.seriesInstanceUid) : new StackDisplay(images.imageIds);
  }, [images, showMpr]);

  const pick = (seriesInstanceUid: string) => {
    setSelected(seriesInstanceUid);
    setMpr(false);
  };

  return (
    <div className="flex flex-col gap-4 lg:flex-row">
      <div className="order-2 lg:order-1">
        <SeriesStrip series={catalog.series} selected={selected} onSelect={pick} />
      </div>
      <div className="order-1 min-w-0 flex-1 space-y-4 lg:order-2">
        {loaded?.seriesInstanceUid === selected && loaded.problem ? (
          <ViewerMessage alert>{loaded.problem}</ViewerMessage>
        ) : !images ? (
          firstPicture?.seriesInstanceUid === selected ? <OpeningFrame picture={firstPicture} /> : <ViewerMessage status>Loading {seriesLabel(summary)}…</ViewerMessage>
        ) : !display ? (
          <ViewerMessage>This series has no pictures to show: it holds a report or other information that is not an image.</ViewerMessage>
        ) : (
          <SeriesDisplay
            key={`${images.seriesInstanceUid}-${display.kind}`}
            display={display}
            catalog={catalog}
            label={seriesLabel(summary)}
            canMpr={images.formsVolume}
            onMpr={() => setMpr(!showMpr)}
            firstPicture={firstPicture?.seriesInstanceUid === images.seriesInstanceUid ? firstPicture : undefined}
          />
        )}
      </div>
    </div>
  );
}

type SeriesDisplayProps = { display: StackDisplay | MprDisplay; catalog: StudyCatalog; label: string; canMpr: boolean; onMpr: () => void; firstPicture?: FirstPicture };

function SeriesDisplay({ display, catalog, label, canMpr, onMpr, firstPicture }: SeriesDisplayProps) {
  const [tool, setTool] = useState<ViewerTool>("windowLevel");
  const [windowPreset, setWindowPreset] = useState(IMAGE_DEFAULT);
  const [framesPerSecond, setFramesPerSecond] = useState(10);
  const state = useDisplayState<ViewSettings & { measurements: Measurement[] }>(display);
  const stack = display.kind === "stack" ? display : null;
  const playing = stack ? stack.getSnapshot().playing : false;

  const actions: ToolbarActions = {
    chooseTool: (next) => {
      setTool(next);
      display.chooseTool(next);
    },
    applyWindow: (presetId) => {
      setWindowPreset(presetId);
      display.applyWindow(WINDOW_PRESETS.find((preset) => preset.id === presetId) ?? "image-default");
    },
    rotate: () => display.rotate(),
    flip: (direction) => display.flip(direction),
    toggleInvert: () => display.toggleInvert(),
    resetView: () => {
      setWindowPreset(IMAGE_DEFAULT);
      display.resetView();
    },
  };

  return (
    <>
      <ViewerToolbar
        actions={actions}
        tool={tool}
        view={state}
        windowPreset={windowPreset}
        cine={
          stack && stack.getSnapshot().count > 1
            ? {
                playing,
                framesPerSecond,
                onPlay: () => stack.play(framesPerSecond),
                onStop: () => stack.stop(),
                onRate: (rate) => {
                  setFramesPerSecond(rate);
                  if (playing) stack.play(rate);
                },
              }
            : undefined
        }
        mpr={canMpr ? { on: display.kind === "mpr", onToggle: onMpr } : undefined}
      />
      {display.kind === "stack" ? <StackView display={display} study={catalog.study} seriesLabel={label} firstPicture={firstPicture} /> : <MprView display={display} study={catalog.study} seriesLabel={label} />}
      <MeasurementList measurements={state.measurements} onClear={() => display.clearMeasurements()} />
    </>
  );
}
