import { firstNumber, firstString, TAG } from "./dicom-json";
import { fetchDicomJson, NOT_AVAILABLE, ViewerLoadError, type PendingAnswer } from "./fetch-dicom-json";

// What the viewer shows before any image: the study's facts for the overlay (QIDO-RS studies) and
// its series for the strip (QIDO-RS series), each with the server's thumbnail.

export type StudyFacts = { patientName?: string; studyDate?: string; studyDescription?: string };

export type SeriesSummary = {
  seriesInstanceUid: string;
  modality?: string;
  description?: string;
  seriesNumber?: number;
  instanceCount?: number;
  thumbnailUrl: string;
};

export type StudyCatalog = { studyInstanceUid: string; study: StudyFacts; series: SeriesSummary[] };

export function studyUrl(dicomWebRoot: string, studyInstanceUid: string): string {
  return `${dicomWebRoot.replace(/\/$/, "")}/studies/${encodeURIComponent(studyInstanceUid)}`;
}

/** QIDO-RS for the study's own attributes, and for its series. */
export function catalogUrls(dicomWebRoot: string, studyInstanceUid: string): { study: string; series: string } {
  const root = dicomWebRoot.replace(/\/$/, "");
  return { study: `${root}/studies?${new URLSearchParams({ StudyInstanceUID: studyInstanceUid })}`, series: `${studyUrl(root, studyInstanceUid)}/series` };
}

export type CatalogAnswers = { study?: PendingAnswer; series?: PendingAnswer };
/** What the page's server asked on the browser's behalf: the catalog and the first series' metadata. */
export type FirstLook = CatalogAnswers & { firstSeries?: PendingAnswer };

/** The opening image as the server draws it, shown until the viewer draws its own. */
export type FirstPicture = { seriesInstanceUid: string; sopInstanceUid: string; url: string };

/** The series the viewer opens with: the one asked for, else the first by series number. */
export function openingSeries(catalog: StudyCatalog, wanted?: string): SeriesSummary {
  return catalog.series.find((series) => series.seriesInstanceUid === wanted) ?? catalog.series[0]!;
}

export async function loadStudyCatalog(dicomWebRoot: string, studyInstanceUid: string, signal?: AbortSignal, answers: CatalogAnswers = {}): Promise<StudyCatalog> {
  const root = dicomWebRoot.replace(/\/$/, "");
  const urls = catalogUrls(root, studyInstanceUid);
  const [studies, series] = await Promise.all([fetchDicomJson(urls.study, signal, answers.study), fetchDicomJson(urls.series, signal, answers.series)]);
  const study = studies[0];
  if (!study || series.length === 0) throw new ViewerLoadError(NOT_AVAILABLE);
  return {
    studyInstanceUid,
    study: { patientName: firstString(study, TAG.patientName), studyDate: firstString(study, TAG.studyDate), studyDescription: firstString(study, TAG.studyDescription) },
    series: series
      .map((dataset) => {
        const seriesInstanceUid = firstString(dataset, TAG.seriesInstanceUid) ?? "";
        return {
          seriesInstanceUid,
          modality: firstString(dataset, TAG.modality),
          description: firstString(dataset, TAG.seriesDescription),
          seriesNumber: firstNumber(dataset, TAG.seriesNumber),
          instanceCount: firstNumber(dataset, TAG.numberOfSeriesRelatedInstances),
          thumbnailUrl: `${studyUrl(root, studyInstanceUid)}/series/${encodeURIComponent(seriesInstanceUid)}/thumbnail`,
        };
      })
      .filter((summary) => summary.seriesInstanceUid !== "")
      .sort((a, b) => (a.seriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.seriesNumber ?? Number.MAX_SAFE_INTEGER)),
  };
}
