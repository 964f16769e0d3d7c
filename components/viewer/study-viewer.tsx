"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import { ViewerLoadError } from "./dicomweb/fetch-dicom-json";
import { createSeriesSource } from "./dicomweb/series-source";
import { loadStudyCatalog, openingSeries, type FirstLook, type StudyCatalog } from "./dicomweb/study-catalog";
import { ViewerMessage } from "./viewer-message";

// The image viewer for one study, read from a DICOMweb server (Carrier's own at /api/dicomweb for
// signed-in users; a share link's root later). Cornerstone is large: it is fetched only here, while
// the study's series and the first series' metadata are already on their way: the page's server
// asks for them while it answers (`firstLook`), so they arrive with the page.

const ViewerWorkspace = dynamic(() => import("./viewer-workspace").then((module) => module.ViewerWorkspace), {
  ssr: false,
  loading: () => <ViewerMessage status>Opening the viewer…</ViewerMessage>,
});

type Props = {
  dicomWebRoot: string;
  studyInstanceUid: string;
  /** The series to show first; else the study's first. */
  seriesInstanceUid?: string;
  firstLook?: FirstLook;
};

export function StudyViewer({ dicomWebRoot, studyInstanceUid, seriesInstanceUid, firstLook }: Props) {
  const source = useMemo(() => createSeriesSource(dicomWebRoot, studyInstanceUid, firstLook?.firstSeries), [dicomWebRoot, studyInstanceUid, firstLook]);
  const [catalog, setCatalog] = useState<StudyCatalog | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    // Fetch and start the viewer's code now, alongside the study list, not after it.
    void import("./viewer-workspace").then((workspace) => workspace.prepareViewer());
    loadStudyCatalog(dicomWebRoot, studyInstanceUid, abort.signal, firstLook).then(
      (found) => {
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
  if (!catalog) return <ViewerMessage status>Finding your images…</ViewerMessage>;
  return <ViewerWorkspace catalog={catalog} source={source} firstSeries={seriesInstanceUid} />;
}
