// Asking Carrier what became of uploads whose bytes have all arrived: it checks and files them
// after the upload's last request is answered. One request waits for all of a page's uploads
// (GET /api/uploads?ids=a,b,c); it comes back as soon as one is settled, or after a while with
// none, and the caller asks again for what is still open.

export type FileOutcome = { name: string; entryName: string; outcome: "STORED" | "DUPLICATE" | "CONFLICT" | "REJECTED"; code: string | null; message: string | null; studyInstanceUid: string | null };

/** The most uploads one request waits on; the page asks about the rest once these settle. */
export const MAX_WAITED_UPLOADS = 200;

/** An upload's outcome: its files', or why it has none (it then needs sending again). */
export type SettledUpload = { results: FileOutcome[] } | { error: string };

/** The upload id at the end of a tus upload URL. */
export function uploadIdOf(uploadUrl: string): string {
  return new URL(uploadUrl, "http://upload.invalid").pathname.split("/").pop() ?? "";
}

/**
 * The settled ones among `ids` (possibly none, when nothing settled while the server waited).
 * Throws on a lost connection or a server error: the caller tries again.
 */
export async function settledUploads(endpoint: string, ids: readonly string[], signal: AbortSignal, headers: Record<string, string> = {}): Promise<Record<string, SettledUpload>> {
  const response = await fetch(`${endpoint}?ids=${ids.map(encodeURIComponent).join(",")}`, { headers: { Accept: "application/json", ...headers }, signal, cache: "no-store" });
  if (!response.ok) throw new Error(`Carrier answered ${response.status}`);
  return ((await response.json()) as { settled: Record<string, SettledUpload> }).settled;
}
