import { formatDate } from "@/components/format";
import type { ConsentDetail } from "@/lib/consent/read";
import { formatInstant, METHOD_LABELS, studyLines, termsLines } from "@/lib/consent/summary";

// One consent as its pages show it: its status, its terms, who signed it and how, and what was
// sent under it (a transfer its withdrawal stopped says so).

const STATUS_LABELS = { active: "In effect", expired: "Ended", revoked: "Withdrawn" } as const;
const TRANSFER_LABELS = { QUEUED: "Waiting to be sent", RUNNING: "Being sent", SUCCEEDED: "Sent", FAILED: "Could not be sent", CANCELED: "Stopped" } as const;

export function ConsentDetails({ consent }: { consent: ConsentDetail }) {
  const facts: [string, string][] = [
    ["Status", consent.revokedAt ? `${STATUS_LABELS.revoked} on ${formatInstant(consent.revokedAt)}${consent.revokedBy ? ` by ${consent.revokedBy.name}` : ""}` : STATUS_LABELS[consent.status]],
    ...termsLines(consent),
    ["Signed by", consent.signerRelationship === "self" ? `${consent.signerName} (the patient)` : `${consent.signerName}, the patient's ${consent.signerRelationship}`],
    ["Signed", `${formatInstant(consent.signedAt)}. ${METHOD_LABELS[consent.method]}.`],
    ...(consent.witness ? [["Witness", consent.witness.name] as [string, string]] : []),
    ...(consent.recordedBy && !consent.witness ? [["Recorded by", consent.recordedBy.name] as [string, string]] : []),
    ...(consent.identityCheck ? [["Identity checked with", consent.identityCheck] as [string, string]] : []),
  ];
  const studies = studyLines(consent);
  return (
    <div className="flex flex-col gap-8">
      <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd className="text-ink-muted">{value}</dd>
          </div>
        ))}
      </dl>
      {studies.length > 0 ? (
        <section aria-labelledby="consent-studies" className="flex flex-col gap-2">
          <h2 id="consent-studies" className="text-2xl font-semibold tracking-tight">
            Studies it covers
          </h2>
          <ul className="list-disc pl-6">
            {studies.map((line, index) => (
              <li key={consent.studies[index]!.study.id}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="consent-transfers" className="flex flex-col gap-2">
        <h2 id="consent-transfers" className="text-2xl font-semibold tracking-tight">
          Sent under this permission
        </h2>
        {consent.transfers.length === 0 ? <p className="text-ink-muted">Nothing was sent under it yet.</p> : null}
        <ul className="flex max-w-3xl flex-col gap-2">
          {consent.transfers.map((transfer) => (
            <li key={transfer.id} className="rounded-lg border border-line bg-surface p-4">
              <p className="font-semibold">
                {transfer.study.description ?? "Study without a description"} to {transfer.destination.name}: {TRANSFER_LABELS[transfer.status]}
              </p>
              <p className="text-ink-muted">
                Asked for on {formatDate(transfer.queuedAt)}
                {transfer.cancelReason ? `. ${transfer.cancelReason}` : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
