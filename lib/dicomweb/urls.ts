// Where each DICOMweb resource is found, for RetrieveURL and BulkDataURI values. UIDs are digits
// and dots, so they go into paths as they are.

export function resourceUrls(baseUrl: string) {
  const root = baseUrl.replace(/\/+$/, "");
  const study = (studyUid: string) => `${root}/studies/${studyUid}`;
  const series = (studyUid: string, seriesUid: string) => `${study(studyUid)}/series/${seriesUid}`;
  const instance = (studyUid: string, seriesUid: string, sopUid: string) => `${series(studyUid, seriesUid)}/instances/${sopUid}`;
  return { study, series, instance };
}
