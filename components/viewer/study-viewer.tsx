"use client";

import { useEffect, useMemo, useState } from "react";
import { ViewerLoadError } from "./dicomweb/fetch-dicom-json";
import { createSeriesSource } from "./dicomweb/series-source";
import { loadStudyCatalog, openingSeries, type FirstLook, type FirstPicture, type StudyCatalog } from "./dicomweb/study-catalog";
import { milestone } from "./milestone";
import { OpeningFrame } from "./opening-picture";
import { ViewerMessage } from "./viewer-message";
import type * as WorkspaceModule from "./viewer-workspace";

// The image viewer for one study, read from a DICOMweb server (Carrier's own at /api/dicomweb for
// signed-in users; a share session's at /api/share/dicomweb). Cornerstone is large: it is fetched
// only here, while the study's series and the first series' metadata are already on their way: the
// page's server asks for them while it answers (`firstLook`), so they arrive with the page, and
// the opening image as the server draws it (`firstPicture`) is shown until the viewer is ready.

type WorkspaceComponent = typeof WorkspaceModule.ViewerWorkspace;

// The viewer's code is asked for as soon as this module runs in the browser (while the page is
// still hydrating), not after: it is most of the time to the first interactive image.
let workspaceCode: Promise<typeof WorkspaceModule> | undefined;
const loadWorkspace = () => (workspaceCode ??= import("./viewer-workspace"));
if (typeof window !== "undefined") void loadWorkspace().catch(() => (workspaceCode = undefined));

type Props = {
  dicomWebRoot: string;
  studyInstanceUid: string;
  /** The series to show first; else the study's first. */
  seriesInstanceUid?: string;
  firstLook?: FirstLook;
  firstPicture?: FirstPicture | null;
};

export function StudyViewer({ dicomWebRoot, studyInstanceUid, seriesInstanceUid, firstLook, firstPicture }: Props) {
  const source = useMemo(() => createSeriesSource(dicomWebRoot, studyInstanceUid, firstLook?.firstSeries), [dicomWebRoot, studyInstanceUid, firstLook]);
  const [catalog, setCatalog] = useState<StudyCatalog | null>(null);
  const [Workspace, setWorkspace] = useState<WorkspaceComponent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    // Start the viewer's code now, alongside the study list, not after it.
    loadWorkspace().then(
      (module) => {
        module.prepareViewer();
        // A component kept in state is set through a function, or React would call it.
        if (current) setWorkspace(() => module.ViewerWorkspace);
      },
      (error: unknown) => {
        console.warn("Carrier viewer: its code could not be loaded", error);
        if (current) setProblem("The viewer could not be loaded just now. Check your internet connection and reload the page.");
      },
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    loadStudyCatalog(dicomWebRoot, studyInstanceUid, abort.signal, firstLook).then(
      (found) => {
        milestone("catalog");
        void source.load(openingSeries(found, seriesInstanceUid).seriesInstanceUid).catch(() => undefined);
        setCatalog(found);
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        console.warn("Carrier viewer: the study could not be listed", error);
        setProblem(error instanceof ViewerLoadError ? error.userMessage : "Your images could not be loaded just now. Try again in a moment.");
      },
    );
    return () => abort.abort();
  }, [dicomWebRoot, studyInstanceUid, seriesInstanceUid, source, firstLook]);

  if (problem) return <ViewerMessage alert>{problem}</ViewerMessage>;
  if (!catalog || !Workspace) {
    if (firstPicture) return <OpeningFrame picture={firstPicture} />;
    return <ViewerMessage status>{catalog ? "Opening the viewer…" : "Finding your images…"}</ViewerMessage>;
  }
  return <Workspace catalog={catalog} source={source} firstSeries={seriesInstanceUid} firstPicture={firstPicture ?? undefined} />;
}
