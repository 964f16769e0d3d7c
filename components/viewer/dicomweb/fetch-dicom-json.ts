import type { DicomJsonDataset } from "./dicom-json";

// One GET of DICOM JSON from the DICOMweb server, with failures in words a patient understands.
// The session cookie authenticates (same origin); a share session reads its own root the same way.
// The page may bring the answer with it (see lib/viewer/first-look.ts): then nothing is fetched.

export class ViewerLoadError extends Error {
  constructor(readonly userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = "ViewerLoadError";
  }
}

/** What the server answered to a DICOM JSON request it made on the page's behalf. */
export type DicomJsonAnswer = { url: string; status: number; body?: DicomJsonDataset[] };
export type PendingAnswer = PromiseLike<DicomJsonAnswer | null>;

export const NOT_AVAILABLE = "This study is not available to you, or it no longer exists.";
const SIGNED_OUT = "You are no longer signed in. Sign in again to see your images.";
const UNREACHABLE = "Your images could not be loaded just now. Check your internet connection and try again.";

function datasets(url: string, status: number, body: unknown): DicomJsonDataset[] {
  if (status === 401) throw new ViewerLoadError(SIGNED_OUT);
  if (status === 403 || status === 404) throw new ViewerLoadError(NOT_AVAILABLE);
  if (status === 204) return [];
  if (status < 200 || status > 299) throw new ViewerLoadError(UNREACHABLE, { cause: new Error(`${url}: HTTP ${status}`) });
  if (!Array.isArray(body)) throw new ViewerLoadError(UNREACHABLE, { cause: new Error(`${url}: not a DICOM JSON array`) });
  return body as DicomJsonDataset[];
}

export async function fetchDicomJson(url: string, signal?: AbortSignal, answered?: PendingAnswer): Promise<DicomJsonDataset[]> {
  // A page's answer that failed to arrive is no answer: the browser asks for itself.
  const answer = await Promise.resolve(answered).catch(() => null);
  if (answer?.url === url) return datasets(url, answer.status, answer.body);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: "application/dicom+json" }, credentials: "same-origin", signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ViewerLoadError(UNREACHABLE, { cause: error });
  }
  return datasets(url, response.status, response.ok && response.status !== 204 ? await response.json() : undefined);
}
