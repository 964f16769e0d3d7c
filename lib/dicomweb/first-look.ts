import "server-only";
import { catalogUrls, loadStudyCatalog, openingSeries, studyUrl, type FirstLook, type FirstPicture } from "@/components/viewer/dicomweb/study-catalog";
import type { DicomJsonAnswer } from "@/components/viewer/dicomweb/fetch-dicom-json";
import { firstNumber, firstString, TAG, type DicomJsonDataset } from "@/components/viewer/dicomweb/dicom-json";
import { byInstanceNumber, seriesMetadataUrl } from "@/components/viewer/dicomweb/series-images";
import type { Actor } from "../auth/actor";
import { dicomWebContext, type DicomWebMount } from "./mounts";
import { serveDicomWeb, type DicomWebContext } from "./service";

// A viewer page asks the DICOMweb service, in the same process and as the same actor, what its
// browser would ask first (the study, its series, the opening series' metadata), and hands the
// answers to the browser with the page: no round trip waits for the viewer's scripts to start.
// firstLook awaits nothing, so the page is not held up (the answers stream in after it); the page
// waits only for firstPicture's quick queries. The service applies the policy and the audit exactly
// as for the browser's own requests. On the server an answer that is missing fails the catalog (a
// relative URL cannot be fetched here), and the browser then asks for itself.

async function ask(actor: Actor | null, mount: DicomWebMount, context: DicomWebContext, url: string): Promise<DicomJsonAnswer | null> {
  try {
    const address = new URL(url, context.baseUrl);
    const segments = address.pathname.slice(mount.length + 1).split("/").map(decodeURIComponent);
    const response = await serveDicomWeb(new Request(address, { headers: { Accept: "application/dicom+json" } }), segments, actor, context);
    const body = response.status === 200 ? ((await response.json()) as DicomJsonDataset[]) : undefined;
    return { url, status: response.status, body };
  } catch (error) {
    // The browser asks again for itself.
    console.warn("[viewer] the page could not bring its first answers", error);
    return null;
  }
}

export function firstLook(actor: Actor | null, mount: DicomWebMount, studyInstanceUid: string, wantedSeries?: string, context = dicomWebContext(mount)): FirstLook {
  const urls = catalogUrls(mount, studyInstanceUid);
  const study = ask(actor, mount, context, urls.study);
  const series = ask(actor, mount, context, urls.series);
  const firstSeries = loadStudyCatalog(mount, studyInstanceUid, undefined, { study, series }).then(
    (catalog) => ask(actor, mount, context, seriesMetadataUrl(mount, studyInstanceUid, openingSeries(catalog, wantedSeries).seriesInstanceUid)),
    () => null,
  );
  return { study, series, firstSeries };
}

/**
 * The image the viewer opens on, as the server draws it (WADO-RS rendered), for the page to show
 * while cornerstone starts: a query of the opening series' instances (no file is read to find it).
 */
export async function firstPicture(look: FirstLook, actor: Actor | null, mount: DicomWebMount, studyInstanceUid: string, wantedSeries?: string, context = dicomWebContext(mount)): Promise<FirstPicture | null> {
  const catalog = await loadStudyCatalog(mount, studyInstanceUid, undefined, look).catch(() => null);
  if (!catalog) return null;
  const series = openingSeries(catalog, wantedSeries);
  const seriesUrl = `${studyUrl(mount, studyInstanceUid)}/series/${encodeURIComponent(series.seriesInstanceUid)}`;
  const answer = await ask(actor, mount, context, `${seriesUrl}/instances`);
  const opening = (answer?.body ?? []).filter((instance) => firstNumber(instance, TAG.rows) !== undefined && firstNumber(instance, TAG.columns) !== undefined).sort(byInstanceNumber)[0];
  const sopInstanceUid = opening && firstString(opening, TAG.sopInstanceUid);
  if (!sopInstanceUid) return null;
  return { seriesInstanceUid: series.seriesInstanceUid, sopInstanceUid, url: `${seriesUrl}/instances/${encodeURIComponent(sopInstanceUid)}/frames/1/rendered` };
}
