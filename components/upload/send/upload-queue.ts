import { Upload, defaultOptions } from "tus-js-client";
import type { DetailedError } from "tus-js-client";
import type { Sendable } from "../scan/scan";
import { BUNDLE_FILE_LIMIT, makeBundle, planBundles } from "./bundle";
import type { Bundle } from "./bundle";
import { MAX_WAITED_UPLOADS, settledUploads, uploadIdOf } from "./upload-outcomes";
import type { FileOutcome, SettledUpload } from "./upload-outcomes";

// Sends the picked files with tus: small files packed into bundles (bundle.ts), large files and
// zips on their own, a few uploads at a time, each resumable. A dropped connection is retried with
// growing pauses (long enough to ride out a server restart); a closed tab resumes where it stopped
// when the same files are picked again into the same batch, because each upload's address is kept
// in the browser under a fingerprint of batch, kind, first path, file count and size. Once an
// upload's bytes are all on the server it is "checking": the server files it while the next
// uploads are sent, and one waiting request (upload-outcomes.ts) brings each one's outcomes.
// The address is kept until they arrive, so a tab closed meanwhile learns them when reopened.

export type { FileOutcome };

export type FileState = "waiting" | "sending" | "retrying" | "paused" | "checking" | "done" | "failed";

export type FileProgress = { path: string; kind: Sendable["kind"]; bytes: number; sent: number; state: FileState; outcomes: FileOutcome[]; error?: string };

export type QueueSnapshot = { files: FileProgress[]; totalBytes: number; sentBytes: number; bytesPerSecond: number | null; paused: boolean; finished: boolean };

export const UPLOAD_ENDPOINT = "/api/uploads";
export const PARALLEL_UPLOADS = 4;
// Seconds between tries after a failure: about three minutes in all before a file is marked failed.
const RETRY_DELAYS = [0, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 30_000, 30_000, 30_000];
const SPEED_WINDOW_MS = 5_000;
const LOST_CONNECTION = "The connection to Carrier was lost and did not come back. Check your internet connection and try again.";

/** One tus upload: a file on its own, a zip the patient picked, or a bundle of small files. */
type Unit = {
  kind: "file" | "zip" | "bundle";
  sendables: Sendable[];
  progress: FileProgress[];
  state: FileState;
  upload: Upload | null;
  /** Where each file's bytes sit in the bundle (bundles only), known once it is made. */
  ranges: Bundle["ranges"] | null;
  /** The body being made (a bundle reads its files once, for their CRC-32). */
  body: Promise<Blob> | null;
  /** The server's id for the upload, once created; what its outcomes are asked by. */
  uploadId: string | null;
  /** Under which the browser keeps the upload's address until its outcomes are in. */
  fingerprint: string;
};

function unitsOf(batchId: string, sendables: readonly Sendable[]): Omit<Unit, "progress">[] {
  // Made again from the same files, a unit has the same fingerprint: a closed tab resumes it.
  const fingerprint = (kind: Unit["kind"], items: Sendable[]) =>
    ["carrier", batchId, kind, items[0]!.path, items.length, items.reduce((sum, item) => sum + item.file.size, 0)].join("|");
  const fresh = (kind: Unit["kind"], items: Sendable[]) => ({ kind, sendables: items, state: "waiting" as const, upload: null, ranges: null, body: null, uploadId: null, fingerprint: fingerprint(kind, items) });
  const small = sendables.filter((item) => item.kind === "file" && item.file.size <= BUNDLE_FILE_LIMIT);
  const alone = sendables.filter((item) => !small.includes(item));
  return [...planBundles(small).map((items) => fresh(items.length === 1 ? "file" : "bundle", items)), ...alone.map((item) => fresh(item.kind, [item]))];
}

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
  return LOST_CONNECTION;
}

export class UploadQueue {
  private readonly units: Unit[];
  private readonly samples: { at: number; sent: number }[] = [];
  private paused = false;
  /** The one request waiting for outcomes, replaced when another upload starts checking. */
  private watching: AbortController | null = null;

  /**
   * `arrived` names files that reached the server in an earlier visit: a unit whose files all
   * arrived is not sent again. Units are planned from all the files either way, so a bundle cut
   * short keeps its fingerprint and resumes.
   */
  constructor(
    private readonly batchId: string,
    sendables: readonly Sendable[],
    private readonly onChange: (snapshot: QueueSnapshot) => void,
    arrived: (path: string) => boolean = () => false,
    /** Applied to each file as it is sent (de-identification); zips are sent as they are. */
    private readonly transform: ((file: Blob) => Promise<Blob>) | null = null,
  ) {
    this.units = unitsOf(batchId, sendables).filter((unit) => !unit.sendables.every((item) => arrived(item.path))).map((unit) => ({
      ...unit,
      progress: unit.sendables.map((sendable) => ({ path: sendable.path, kind: sendable.kind, bytes: sendable.file.size, sent: 0, state: "waiting" as const, outcomes: [] })),
    }));
  }

  start(): void {
    this.paused = false;
    for (const unit of this.units) if (unit.state === "paused") setState(unit, "waiting");
    this.fill();
  }

  pause(): void {
    this.paused = true;
    for (const unit of this.units) {
      if (unit.state === "sending" || unit.state === "retrying") {
        setState(unit, "paused");
        void unit.upload?.abort();
      }
    }
    this.emit();
  }

  /** Tries the files that failed again (after the connection came back, say). */
  retryFailed(): void {
    for (const unit of this.units) {
      if (unit.state === "failed") {
        setState(unit, "waiting");
        for (const file of unit.progress) delete file.error;
      }
    }
    this.start();
  }

  snapshot(): QueueSnapshot {
    const files = this.units.flatMap((unit) => unit.progress.map((file) => ({ ...file })));
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
    const sent = this.units.reduce((sum, unit) => sum + unit.progress.reduce((unitSum, file) => unitSum + file.sent, 0), 0);
    this.samples.push({ at: now, sent });
    while (this.samples.length > 2 && now - this.samples[0]!.at > SPEED_WINDOW_MS) this.samples.shift();
    this.onChange(this.snapshot());
  }

  private fill(): void {
    if (this.paused) return;
    const active = this.units.filter((unit) => unit.state === "sending" || unit.state === "retrying").length;
    const waiting = this.units.filter((unit) => unit.state === "waiting").slice(0, Math.max(0, PARALLEL_UPLOADS - active));
    for (const unit of waiting) void this.send(unit);
    this.emit();
  }

  /** Makes a unit's body once; started early for the next unit, so making it overlaps sending. */
  private prepare(unit: Unit): Promise<Blob> {
    unit.body ??= this.makeBody(unit);
    return unit.body;
  }

  private async makeBody(unit: Unit): Promise<Blob> {
    const transform = unit.kind === "zip" ? null : this.transform;
    const files = await Promise.all(unit.sendables.map(async (item) => ({ path: item.path, file: transform ? await transform(item.file) : item.file })));
    if (unit.kind !== "bundle") return files[0]!.file;
    const bundle = await makeBundle(files);
    unit.ranges = bundle.ranges;
    return bundle.blob;
  }

  private async send(unit: Unit): Promise<void> {
    setState(unit, "sending");
    const first = unit.sendables[0]!;
    const body = await this.prepare(unit);
    const upNext = this.units.find((other) => other.state === "waiting" && other.body === null);
    if (upNext) void this.prepare(upNext);
    const upload = new Upload(body, {
      endpoint: UPLOAD_ENDPOINT,
      metadata: { batchId: this.batchId, filename: unit.kind === "bundle" ? `${unit.sendables.length} files from ${first.path}` : first.path, kind: unit.kind },
      fingerprint: () => Promise.resolve(unit.fingerprint),
      retryDelays: RETRY_DELAYS,
      // Create first, then send: an upload whose data went with its creation request cannot be
      // resumed when that request is cut (the browser never learnt its address).
      uploadDataDuringCreation: false,
      // Kept until the outcomes are in (forget()).
      removeFingerprintOnSuccess: false,
      onShouldRetry: (error) => {
        if (!isRetryable(error)) return false;
        setState(unit, "retrying");
        this.emit();
        return true;
      },
      onProgress: (sent) => {
        this.record(unit, sent);
        if (unit.state === "retrying") setState(unit, "sending");
        this.emit();
      },
      onSuccess: () => {
        for (const file of unit.progress) file.sent = file.bytes;
        unit.uploadId = upload.url ? uploadIdOf(upload.url) : null;
        setState(unit, "checking");
        this.watch();
        this.fill();
      },
      onError: (error) => {
        if (unit.state === "paused") return;
        this.fail(unit, errorMessage(error));
        this.fill();
      },
    });
    unit.upload = upload;
    const previous = await upload.findPreviousUploads();
    if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  }

  private fail(unit: Unit, message: string): void {
    setState(unit, "failed");
    for (const file of unit.progress) file.error = message;
  }

  /** Waits for the outcomes of every checking upload, with one request at a time. */
  private watch(): void {
    this.watching?.abort();
    const controller = new AbortController();
    this.watching = controller;
    void (async () => {
      let failures = 0;
      for (;;) {
        const checking = this.units.filter((unit) => unit.state === "checking" && unit.uploadId).slice(0, MAX_WAITED_UPLOADS);
        if (checking.length === 0 || controller.signal.aborted) return;
        try {
          const settled = await settledUploads(UPLOAD_ENDPOINT, checking.map((unit) => unit.uploadId!), controller.signal);
          failures = 0;
          for (const unit of checking) {
            const outcome = settled[unit.uploadId!];
            if (outcome) this.settle(unit, outcome);
          }
          this.fill();
        } catch {
          if (controller.signal.aborted) return;
          // Ridden out like a dropped upload: the server may be restarting.
          const delay = RETRY_DELAYS[++failures];
          if (delay === undefined) {
            for (const unit of checking) this.fail(unit, LOST_CONNECTION);
            this.fill();
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    })();
  }

  private settle(unit: Unit, outcome: SettledUpload): void {
    if ("error" in outcome) {
      // Sending it again starts afresh: the server no longer has it, or will check it again.
      this.fail(unit, outcome.error);
      return;
    }
    setState(unit, "done");
    assignOutcomes(unit, outcome.results);
    void forget(unit.fingerprint);
  }

  /** Spreads a unit's sent bytes over its files: in a bundle, by where each file sits. */
  private record(unit: Unit, sent: number): void {
    unit.progress.forEach((file, index) => {
      const range = unit.ranges?.[index];
      file.sent = range ? Math.min(file.bytes, Math.max(0, sent - range.start)) : Math.min(file.bytes, sent);
    });
  }
}

function setState(unit: Unit, state: FileState): void {
  unit.state = state;
  for (const file of unit.progress) file.state = state;
}

/** A bundle's outcomes belong to the files they name; a file's or a zip's all belong to it. */
function assignOutcomes(unit: Unit, outcomes: FileOutcome[]): void {
  if (unit.kind !== "bundle") {
    unit.progress[0]!.outcomes = outcomes;
    return;
  }
  for (const file of unit.progress) file.outcomes = outcomes.filter((outcome) => outcome.entryName === file.path);
}

/** The browser forgets where an upload went once its outcomes are in. */
async function forget(fingerprint: string): Promise<void> {
  const storage = defaultOptions.urlStorage;
  for (const stored of await storage.findUploadsByFingerprint(fingerprint)) {
    if (stored.urlStorageKey) await storage.removeUpload(stored.urlStorageKey);
  }
}
