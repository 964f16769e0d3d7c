import { Upload } from "tus-js-client";
import type { DetailedError } from "tus-js-client";
import type { Sendable } from "../scan/scan";

// Sends the picked files with tus: a few at a time, each resumable. A dropped connection is
// retried with growing pauses (long enough to ride out a server restart); a closed tab resumes
// where it stopped when the same files are picked again into the same batch, because each file's
// upload address is kept in the browser under a fingerprint of batch, path, size and date.

export type FileOutcome = { name: string; entryName: string; outcome: "STORED" | "DUPLICATE" | "CONFLICT" | "REJECTED"; code: string | null; message: string | null; studyInstanceUid: string | null };

export type FileState = "waiting" | "sending" | "retrying" | "paused" | "done" | "failed";

export type FileProgress = { path: string; kind: Sendable["kind"]; bytes: number; sent: number; state: FileState; outcomes: FileOutcome[]; error?: string };

export type QueueSnapshot = { files: FileProgress[]; totalBytes: number; sentBytes: number; bytesPerSecond: number | null; paused: boolean; finished: boolean };

export const UPLOAD_ENDPOINT = "/api/uploads";
const PARALLEL_UPLOADS = 4;
// Seconds between tries after a failure: about three minutes in all before a file is marked failed.
const RETRY_DELAYS = [0, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 30_000, 30_000, 30_000];
const SPEED_WINDOW_MS = 5_000;

type Entry = { sendable: Sendable; progress: FileProgress; upload: Upload | null };

export function isRetryable(error: DetailedError): boolean {
  const status = error.originalResponse?.getStatus() ?? 0;
  // No response: the connection dropped. 423: another request holds the upload's lock. 5xx: the server is restarting or overloaded.
  return status === 0 || status === 408 || status === 409 || status === 423 || status === 429 || status >= 500;
}

function errorMessage(error: Error | DetailedError): string {
  const body = "originalResponse" in error ? error.originalResponse?.getBody() : undefined;
  try {
    const parsed = body ? (JSON.parse(body) as { error?: string }) : null;
    if (parsed?.error) return parsed.error;
  } catch {
    // Not our JSON: a proxy's or the network's error.
  }
  return "The connection to Carrier was lost and did not come back. Check your internet connection and try again.";
}

export class UploadQueue {
  private readonly entries: Entry[];
  private readonly samples: { at: number; sent: number }[] = [];
  private paused = false;

  constructor(
    private readonly batchId: string,
    sendables: readonly Sendable[],
    private readonly onChange: (snapshot: QueueSnapshot) => void,
  ) {
    this.entries = sendables.map((sendable) => ({
      sendable,
      upload: null,
      progress: { path: sendable.path, kind: sendable.kind, bytes: sendable.file.size, sent: 0, state: "waiting", outcomes: [] },
    }));
  }

  start(): void {
    this.paused = false;
    for (const entry of this.entries) if (entry.progress.state === "paused") entry.progress.state = "waiting";
    this.fill();
  }

  pause(): void {
    this.paused = true;
    for (const entry of this.entries) {
      if (entry.progress.state === "sending" || entry.progress.state === "retrying") {
        entry.progress.state = "paused";
        void entry.upload?.abort();
      }
    }
    this.emit();
  }

  /** Tries the files that failed again (after the connection came back, say). */
  retryFailed(): void {
    for (const entry of this.entries) {
      if (entry.progress.state === "failed") {
        entry.progress.state = "waiting";
        delete entry.progress.error;
      }
    }
    this.start();
  }

  snapshot(): QueueSnapshot {
    const files = this.entries.map((entry) => ({ ...entry.progress }));
    const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const sentBytes = files.reduce((sum, file) => sum + file.sent, 0);
    const finished = files.every((file) => file.state === "done" || file.state === "failed");
    return { files, totalBytes, sentBytes, bytesPerSecond: this.speed(), paused: this.paused, finished };
  }

  private speed(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 1_000) return null;
    return ((last.sent - first.sent) * 1000) / (last.at - first.at);
  }

  private emit(): void {
    const now = performance.now();
    const sent = this.entries.reduce((sum, entry) => sum + entry.progress.sent, 0);
    this.samples.push({ at: now, sent });
    while (this.samples.length > 2 && now - this.samples[0]!.at > SPEED_WINDOW_MS) this.samples.shift();
    this.onChange(this.snapshot());
  }

  private fill(): void {
    if (this.paused) return;
    const active = this.entries.filter((entry) => entry.progress.state === "sending" || entry.progress.state === "retrying").length;
    const waiting = this.entries.filter((entry) => entry.progress.state === "waiting").slice(0, Math.max(0, PARALLEL_UPLOADS - active));
    for (const entry of waiting) void this.send(entry);
    this.emit();
  }

  private async send(entry: Entry): Promise<void> {
    const { sendable, progress } = entry;
    progress.state = "sending";
    const upload = new Upload(sendable.file, {
      endpoint: UPLOAD_ENDPOINT,
      metadata: { batchId: this.batchId, filename: sendable.path, kind: sendable.kind },
      fingerprint: () => Promise.resolve(["carrier", this.batchId, sendable.path, sendable.file.size, sendable.file.lastModified].join("|")),
      retryDelays: RETRY_DELAYS,
      uploadDataDuringCreation: true,
      removeFingerprintOnSuccess: true,
      onShouldRetry: (error) => {
        if (!isRetryable(error)) return false;
        progress.state = "retrying";
        this.emit();
        return true;
      },
      onProgress: (sent) => {
        progress.sent = sent;
        if (progress.state === "retrying") progress.state = "sending";
        this.emit();
      },
      onSuccess: ({ lastResponse }) => {
        progress.sent = progress.bytes;
        progress.state = "done";
        progress.outcomes = outcomesOf(lastResponse.getBody());
        this.fill();
      },
      onError: (error) => {
        if (progress.state === "paused") return;
        progress.state = "failed";
        progress.error = errorMessage(error);
        this.fill();
      },
    });
    entry.upload = upload;
    const previous = await upload.findPreviousUploads();
    if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  }
}

function outcomesOf(body: string): FileOutcome[] {
  try {
    return (JSON.parse(body) as { results?: FileOutcome[] }).results ?? [];
  } catch {
    // Finished by an earlier visit: the outcome was given then and is on the study page.
    return [];
  }
}
