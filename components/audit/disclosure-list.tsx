import type { AuditEvent } from "@/lib/db/generated/client";
import { auditActionDefinition, isAuditAction } from "@/lib/audit/actions";
import { statedReason } from "@/lib/audit/stated-reason";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

const CHANNELS: Record<string, string> = {
  web: "on the Carrier website",
  "share-link": "through a link you shared",
  dicomweb: "by a hospital system (DICOMweb)",
  dimse: "by a hospital system (DICOM)",
  carequality: "through the Carequality network",
  carrier: "to another Carrier",
  "xdr-i": "by secure hospital exchange (XDR-I)",
  email: "by email",
};

const PURPOSES: Record<string, string> = {
  TREATMENT: "for your care",
  SECOND_OPINION: "for a second opinion",
  PERSONAL_USE: "for your own use",
  RESEARCH: "for research",
};

// One row per disclosure: who, what, when, why and how, in words a patient reads without help.
export function DisclosureList({ events, studyNames }: { events: AuditEvent[]; studyNames: Map<string, string> }) {
  if (events.length === 0) return <p>Nobody else has opened or received your images{studyNames.size === 1 ? " from this study" : ""}.</p>;
  return (
    <ol className="flex max-w-3xl flex-col gap-3">
      {events.map((event) => {
        const what = isAuditAction(event.action) ? auditActionDefinition(event.action).label : event.action;
        const studies = event.studyIds.map((id) => studyNames.get(id)).filter(Boolean);
        const why = event.purposeOfUse ? (PURPOSES[event.purposeOfUse] ?? `for: ${event.purposeOfUse}`) : null;
        const reason = statedReason(event);
        return (
          <li key={event.id.toString()} className="rounded-xl border border-line bg-surface p-4">
            <p className="font-semibold">{what}</p>
            <p>
              <span className="text-ink-muted">Who: </span>
              {event.recipientDisplay ? `${event.recipientDisplay} (sent by ${event.actorDisplay})` : event.actorDisplay}
            </p>
            <p className="text-ink-muted">
              <time dateTime={event.occurredAt.toISOString()}>{when.format(event.occurredAt)}</time>
              {event.channel ? `, ${CHANNELS[event.channel] ?? event.channel}` : ""}
              {why ? `, ${why}` : ""}
            </p>
            {reason ? (
              <p>
                <span className="text-ink-muted">The reason they gave: </span>
                {reason}
              </p>
            ) : null}
            {studies.length > 0 ? <p className="text-ink-muted">Studies: {studies.join("; ")}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
