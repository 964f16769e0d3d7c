"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FilePicker } from "./file-picker";
import { ScanReview } from "./scan-review";
import type { AccountHolder } from "./scan/patient-match";
import { scanFiles } from "./scan/scan";
import type { ScanResult } from "./scan/scan";
import { SendProgress } from "./send-progress";
import { UploadQueue } from "./send/upload-queue";
import type { QueueSnapshot } from "./send/upload-queue";
import { UploadSummary } from "./upload-summary";
import { deidentificationPlan } from "./deidentify/plan";
import type { Deidentification } from "./deidentify/plan";

// The upload page's one client island: pick, check what was found, send, and see the outcome.
// Each step's heading takes focus when it appears, so screen readers follow along.

export type UnfinishedUpload = { id: string; startedAt: string; expected: number; received: number };

type ActionResult<T> = ({ ok: true } & T) | { ok: false; error: string };

/** The server actions the flow calls, passed in by the page. */
export type UploadActions = {
  startUpload: (patientId: string, expected: ScanResult["expected"], continueBatchId?: string) => Promise<ActionResult<{ batchId: string; received: string[] }>>;
  addExpected: (batchId: string, expected: ScanResult["expected"]) => Promise<ActionResult<object>>;
  finishUpload: (batchId: string) => Promise<ActionResult<{ studies: { status: "COMPLETE" | "INCOMPLETE" }[] }>>;
};

type Phase =
  | { step: "pick" }
  | { step: "scanning"; done: number; total: number }
  | { step: "review"; scan: ScanResult }
  | { step: "sending"; snapshot: QueueSnapshot }
  | { step: "finished"; snapshot: QueueSnapshot; incompleteStudies: number };

const HEADINGS: Record<Phase["step"], string> = {
  pick: "Choose your images",
  scanning: "Looking at your files",
  review: "Check what we found",
  sending: "Sending your images",
  finished: "Upload finished",
};

/** Words that differ when front desk staff upload for a patient. */
export type UploadAudience = { holderIs: string; confirm: string; doneHref: string; doneLabel: string };

const PATIENT_AUDIENCE: UploadAudience = {
  holderIs: "Your account is for",
  confirm: "These are my images (a name can be spelled differently at a hospital), or I have the right to add them to this account.",
  doneHref: "/studies",
  doneLabel: "See your studies",
};

export function UploadFlow({
  patientId,
  holder,
  unfinished,
  actions,
  audience = PATIENT_AUDIENCE,
}: {
  patientId: string;
  holder: AccountHolder;
  unfinished: UnfinishedUpload | null;
  actions: UploadActions;
  audience?: UploadAudience;
}) {
  const { startUpload, addExpected, finishUpload } = actions;
  const [phase, setPhase] = useState<Phase>({ step: "pick" });
  const [error, setError] = useState<string | null>(null);
  const [continuing, setContinuing] = useState<UnfinishedUpload | null>(unfinished);
  const queue = useRef<UploadQueue | null>(null);
  const batchId = useRef<string | null>(null);
  const finishing = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [phase.step]);

  // A dropped connection that outlasted the retries: try again as soon as the browser is back online.
  useEffect(() => {
    const online = () => queue.current?.retryFailed();
    window.addEventListener("online", online);
    return () => window.removeEventListener("online", online);
  }, []);

  useEffect(() => {
    if (phase.step !== "sending") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [phase.step]);

  const finish = useCallback(async (snapshot: QueueSnapshot) => {
    const id = batchId.current;
    if (!id || finishing.current) return;
    finishing.current = true;
    const result = await finishUpload(id);
    if (!result.ok) setError(result.error);
    const incompleteStudies = result.ok ? result.studies.filter((study) => study.status === "INCOMPLETE").length : 0;
    setPhase({ step: "finished", snapshot, incompleteStudies });
  }, [finishUpload]);

  const onSnapshot = useCallback(
    (snapshot: QueueSnapshot) => {
      const allDone = snapshot.files.every((file) => file.state === "done");
      if (allDone) void finish(snapshot);
      else setPhase({ step: "sending", snapshot });
    },
    [finish],
  );

  const pick = async (files: Parameters<typeof scanFiles>[0]) => {
    setError(null);
    setPhase({ step: "scanning", done: 0, total: files.length });
    let lastShown = 0;
    const scan = await scanFiles(files, (done, total) => {
      // Re-render a few times a second at most, not once per file.
      const now = performance.now();
      if (now - lastShown > 150 || done === total) {
        lastShown = now;
        setPhase({ step: "scanning", done, total });
      }
    });
    setPhase({ step: "review", scan });
  };

  const send = async (scan: ScanResult, deidentification: Deidentification | null) => {
    setError(null);
    const started = await startUpload(patientId, deidentification ? [] : scan.expected, continuing?.id);
    if (!started.ok) {
      setError(started.error);
      return;
    }
    batchId.current = started.batchId;
    let transform: ((file: Blob) => Promise<Blob>) | null = null;
    if (deidentification) {
      const plan = await deidentificationPlan(started.batchId, scan.expected, deidentification.keepDates);
      const added = await addExpected(started.batchId, plan.expected);
      if (!added.ok) {
        setError(added.error);
        return;
      }
      transform = plan.transform;
    }
    // Continuing an upload: what arrived before is not sent again (a zip counts once any of it arrived).
    const received = new Set(started.received);
    const arrived = (path: string) => received.has(path) || started.received.some((name) => name.startsWith(`${path}: `));
    const next = new UploadQueue(started.batchId, scan.sendables, onSnapshot, arrived, transform);
    queue.current = next;
    next.start();
  };

  const startOver = async () => {
    if (continuing) await finishUpload(continuing.id);
    setContinuing(null);
  };

  return (
    <section aria-labelledby="upload-step" className="space-y-6">
      <h2 id="upload-step" ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight focus:outline-none">
        {HEADINGS[phase.step]}
      </h2>
      {error ? (
        <p role="alert" className="rounded-xl border-2 border-danger bg-danger-soft p-4 font-semibold">
          {error}
        </p>
      ) : null}

      {phase.step === "pick" ? (
        <>
          {continuing ? (
            <div className="space-y-3 rounded-xl border border-brand/25 bg-brand-soft p-4">
              <p className="font-semibold">An upload you started on {new Date(continuing.startedAt).toLocaleString("en-US", { dateStyle: "long", timeStyle: "short" })} did not finish.</p>
              <p>Choose the same folder or files again and it continues where it stopped: files already sent are not sent again.</p>
              <Button variant="secondary" onClick={() => void startOver()}>
                Start a new upload instead
              </Button>
            </div>
          ) : null}
          <FilePicker onPick={(files) => void pick(files)} />
        </>
      ) : null}

      {phase.step === "scanning" ? (
        <div>
          <label htmlFor="scan-progress">
            Read {phase.done} of {phase.total} files
          </label>
          <progress id="scan-progress" className="mt-2 block h-4 w-full accent-brand" max={phase.total || 1} value={phase.done} />
        </div>
      ) : null}

      {phase.step === "review" ? <ScanReview scan={phase.scan} holder={holder} audience={audience} onSend={(deidentification) => void send(phase.scan, deidentification)} onRepick={() => setPhase({ step: "pick" })} /> : null}

      {phase.step === "sending" ? (
        <SendProgress snapshot={phase.snapshot} onPause={() => queue.current?.pause()} onResume={() => queue.current?.start()} onRetry={() => queue.current?.retryFailed()} />
      ) : null}

      {phase.step === "sending" && phase.snapshot.finished && !phase.snapshot.paused ? (
        <Button variant="secondary" onClick={() => void finish(phase.snapshot)}>
          Finish without the files that failed
        </Button>
      ) : null}

      {phase.step === "finished" ? <UploadSummary snapshot={phase.snapshot} incompleteStudies={phase.incompleteStudies} doneHref={audience.doneHref} doneLabel={audience.doneLabel} /> : null}

      <p aria-live="polite" className="sr-only">
        {phase.step === "sending" && phase.snapshot.paused ? "Sending paused." : phase.step === "finished" ? "Upload finished." : ""}
      </p>
    </section>
  );
}
