import type { DicomJsonDataset } from "../dicomweb/dicom-json";

// Instance metadata as cornerstone's WADO-RS metadata provider can read it. Real files break two of
// its assumptions, and the image would not open:
// - Modality (Type 1) missing, as in some secondary captures: the provider calls a string method on
//   it. It is read as OT ("other", PS3.3 C.7.3.1.1.1).
// - a Window Width below 1, which PS3.3 C.11.2.1.2.1 does not allow (scanners write 0 for "none"):
//   the image would be drawn all black or all white. The window is dropped, and the image's own
//   range of pixel values is used instead.

const MODALITY = "00080060";
const WINDOW_CENTER = "00281050";
const WINDOW_WIDTH = "00281051";

export function loaderMetadata(instance: DicomJsonDataset): DicomJsonDataset {
  const fixed: DicomJsonDataset = { ...instance };
  if (typeof fixed[MODALITY]?.Value?.[0] !== "string") fixed[MODALITY] = { vr: "CS", Value: ["OT"] };
  const widths = fixed[WINDOW_WIDTH]?.Value?.map(Number) ?? [];
  if (widths.length > 0 && widths.some((width) => !(width >= 1))) {
    delete fixed[WINDOW_WIDTH];
    delete fixed[WINDOW_CENTER];
  }
  return fixed;
}
