"use client";

import { Button } from "@/components/ui/button";
import { formatBytes, formatDuration } from "@/components/format";
import type { QueueSnapshot } from "./send/upload-queue";

// Overall progress with speed and time left, the files being sent now, and any that failed.

export function SendProgress({ snapshot, onPause, onResume, onRetry }: { snapshot: QueueSnapshot; onPause: () => void; onResume: () => void; onRetry: () => void }) {
  const { totalBytes, sentBytes, bytesPerSecond, paused } = snapshot;
  const percent = totalBytes === 0 ? 100 : Math.floor((sentBytes / totalBytes) * 100);
  const secondsLeft = bytesPerSecond && bytesPerSecond > 0 ? (totalBytes - sentBytes) / bytesPerSecond : null;
  const done = snapshot.files.filter((file) => file.state === "done").length;
  const active = snapshot.files.filter((file) => file.state === "sending" || file.state === "retrying");
  const failed = snapshot.files.filter((file) => file.state === "failed");
  const checking = snapshot.files.filter((file) => file.state === "checking").length;
  const retrying = active.some((file) => file.state === "retrying");
  const status = paused ? "Paused" : retrying ? "Connection lost: trying again" : active.length === 0 && checking > 0 ? "All sent, checking your images" : "Sending";

  return (
    <div className="space-y-5">
      <div>
        <label htmlFor="overall-progress" className="font-semibold">
          {status}: {percent}%
        </label>
        <progress id="overall-progress" className="mt-2 block h-4 w-full accent-brand" max={totalBytes || 1} value={sentBytes} />
        <p className="mt-2 text-ink-muted">
          {done} of {snapshot.files.length} files done{checking > 0 ? `, ${checking} being checked` : ""}, {formatBytes(sentBytes)} of {formatBytes(totalBytes)} sent
          {bytesPerSecond && !paused ? `, ${formatBytes(bytesPerSecond)}/s` : ""}
          {secondsLeft !== null && !paused && sentBytes < totalBytes ? `, about ${formatDuration(secondsLeft)} left` : ""}
        </p>
      </div>

      <div className="flex flex-col gap-3 sm:flex-row">
        {paused ? <Button onClick={onResume}>Resume</Button> : <Button variant="secondary" onClick={onPause}>Pause</Button>}
      </div>

      {active.length > 0 ? (
        <ul className="space-y-3" aria-label="Files being sent now">
          {active.map((file) => (
            <li key={file.path}>
              <label className="block break-all text-ink-muted" htmlFor={`file-${file.path}`}>
                {file.path}
              </label>
              <progress id={`file-${file.path}`} className="block h-2 w-full accent-brand" max={file.bytes || 1} value={file.sent} />
            </li>
          ))}
        </ul>
      ) : null}

      {failed.length > 0 ? (
        <div className="rounded-xl border-2 border-danger bg-danger-soft p-4">
          <h3 className="font-semibold">{failed.length} file{failed.length === 1 ? "" : "s"} could not be sent</h3>
          <ul className="mt-2 space-y-1 break-all">
            {failed.slice(0, 100).map((file) => (
              <li key={file.path}>
                <span className="font-semibold">{file.path}</span>: {file.error}
              </li>
            ))}
          </ul>
          <Button className="mt-3" onClick={onRetry}>Try these again</Button>
        </div>
      ) : null}
    </div>
  );
}
