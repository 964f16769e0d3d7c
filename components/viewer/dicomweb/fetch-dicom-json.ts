import type { DicomJsonDataset } from "./dicom-json";

// One GET of DICOM JSON from the DICOMweb server, with failures in words a patient understands.
// The session cookie authenticates (same origin); share links will use another root the same way.

export class ViewerLoadError extends Error {
  constructor(readonly userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = "ViewerLoadError";
  }
}

export const NOT_AVAILABLE = "This study is not available to you, or it no longer exists.";
const SIGNED_OUT = "You are no longer signed in. Sign in again to see your images.";
const UNREACHABLE = "Your images could not be loaded just now. Check your internet connection and try again.";

export async function fetchDicomJson(url: string, signal?: AbortSignal): Promise<DicomJsonDataset[]> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: "application/dicom+json" }, credentials: "same-origin", signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ViewerLoadError(UNREACHABLE, { cause: error });
  }
  if (response.status === 401) throw new ViewerLoadError(SIGNED_OUT);
  if (response.status === 403 || response.status === 404) throw new ViewerLoadError(NOT_AVAILABLE);
  if (response.status === 204) return [];
  if (!response.ok) throw new ViewerLoadError(UNREACHABLE, { cause: new Error(`${url}: HTTP ${response.status}`) });
  const body: unknown = await response.json();
  if (!Array.isArray(body)) throw new ViewerLoadError(UNREACHABLE, { cause: new Error(`${url}: not a DICOM JSON array`) });
  return body as DicomJsonDataset[];
}
