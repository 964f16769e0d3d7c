import "server-only";
import type { Upload } from "@tus/utils";
import { AppError } from "@/lib/errors";
import type { IntakeFileResult } from "@/lib/ingest/ingest-file";
import { isWhole } from "@/lib/ingest/upload-store";

// What became of the uploads a page has sent and waits on: GET /api/uploads?ids=a,b,c. The answer
// comes as soon as one of them is settled (its files' outcomes recorded, or a reason it cannot
// be), or after `waitMs` with nothing settled, when the page asks again; one waiting request per
// page, so the page's uploads keep the browser's few connections to the server.

export type Settled = { results: IntakeFileResult[] } | { error: string };

export type UploadLookup = {
  /** The actor's upload still in the upload area, or null (gone once ingested, or never theirs). */
  ownUpload(id: string): Promise<Upload | null>;
  /** Ingests a whole upload, or joins its ingest if it is already under way. */
  ingest(upload: Upload): Promise<IntakeFileResult[]>;
  /** The recorded outcomes of the actor's upload that was ingested (none for anyone else's). */
  recorded(id: string): Promise<IntakeFileResult[]>;
};

const GONE = "Carrier does not have these files. Send them again.";
const NOT_WHOLE = "These files did not arrive whole. Send them again.";
const NOT_CHECKED = "Carrier could not check these files. Try them again in a moment.";

/** The settled ones of `ids`, waiting up to `waitMs` (or until the request is gone) when none is yet. */
export async function settledUploads(lookup: UploadLookup, ids: readonly string[], waitMs: number, signal: AbortSignal): Promise<Record<string, Settled>> {
  const settled: Record<string, Settled> = {};
  const pending: Promise<void>[] = [];
  for (const id of new Set(ids)) {
    const upload = await lookup.ownUpload(id);
    if (upload && isWhole(upload)) {
      // Also starts an ingest a failure or a restart left undone.
      pending.push(
        lookup.ingest(upload).then(
          (results) => void (settled[id] = { results }),
          (error: unknown) => void (settled[id] = { error: error instanceof AppError ? error.userMessage : NOT_CHECKED }),
        ),
      );
    } else if (upload) {
      settled[id] = { error: NOT_WHOLE };
    } else {
      const results = await lookup.recorded(id);
      settled[id] = results.length > 0 ? { results } : { error: GONE };
    }
  }
  if (Object.keys(settled).length === 0 && pending.length > 0) await firstOf(pending, waitMs, signal);
  return settled;
}

/** Settles when the first of `pending` does, after `waitMs`, or when `signal` aborts. */
async function firstOf(pending: Promise<void>[], waitMs: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      ...pending,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        onAbort = resolve;
        signal.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}
