import { formatDate } from "@/components/format";
import { PURPOSE_LABELS } from "@/lib/consent/wording";
import type { ShareStatus, ShareSummary } from "@/lib/shares/list";
import { ShareControls } from "./share-controls";

// Each shared link with what a patient wants to know at a glance: who, what, until when, whether
// it was opened or downloaded, and what they can still do about it.

const STATUS: Record<ShareStatus, { label: string; classes: string }> = {
  active: { label: "Working", classes: "bg-brand-soft text-brand-strong" },
  locked: { label: "Locked after wrong PINs", classes: "bg-danger-soft text-danger-strong" },
  expired: { label: "Ended", classes: "bg-canvas text-ink-muted" },
  off: { label: "Turned off", classes: "bg-canvas text-ink-muted" },
};

const WHEN = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function times(count: number, what: string): string {
  return count === 0 ? `Not ${what} yet` : `${what[0]!.toUpperCase()}${what.slice(1)} ${count} ${count === 1 ? "time" : "times"}`;
}

export function ShareList({ shares, patientCanSign }: { shares: readonly ShareSummary[]; patientCanSign: boolean }) {
  if (shares.length === 0) return <p>You have not shared any images yet.</p>;
  return (
    <ul className="space-y-6" aria-label="Shared links">
      {shares.map((share) => {
        const status = STATUS[share.status];
        const live = share.status === "active" || share.status === "locked";
        return (
          <li key={share.id} className="flex flex-col gap-3 rounded-xl border-2 border-line bg-surface p-4">
            <div className="flex flex-wrap items-center gap-3">
              <h2 className="text-xl font-semibold">{share.recipientName}</h2>
              <span className={`rounded-full px-3 py-1 text-sm font-semibold ${status.classes}`}>{status.label}</span>
            </div>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">Images</dt>
              <dd>{share.studies.map(({ study }) => [study.description ?? "Study without a description", study.studyDate ? formatDate(study.studyDate) : null].filter(Boolean).join(", ")).join("; ")}</dd>
              <dt className="font-semibold">Why</dt>
              <dd>{PURPOSE_LABELS[share.purpose]}</dd>
              <dt className="font-semibold">{live ? "Works until" : "Ended"}</dt>
              <dd>{WHEN.format(share.revokedAt && share.revokedAt < share.expiresAt ? share.revokedAt : share.expiresAt)} UTC</dd>
              <dt className="font-semibold">Opened</dt>
              <dd>
                {times(share.openCount, "opened")}
                {share.lastOpenedAt ? `, last on ${WHEN.format(share.lastOpenedAt)} UTC` : ""}
              </dd>
              <dt className="font-semibold">Downloads</dt>
              <dd>{share.allowDownload ? times(share.downloads, "downloaded") : "Not allowed"}</dd>
            </dl>
            {live ? <ShareControls shareId={share.id} recipient={share.recipientName} notifyOnOpen={share.notifyOnOpen} patientCanSign={patientCanSign} /> : null}
            {/* Announced when a link just turned off re-renders as off (its controls go away with it). */}
            {share.status === "off" ? <p role="status">This link is turned off. Nobody can open the images with it any more.</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
