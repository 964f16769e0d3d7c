import Link from "next/link";
import type { AuditEvent } from "@/lib/db/generated/client";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "short", timeStyle: "medium" });

// The raw trail for administrators: one row per event, scrolling sideways on a phone.
export function AuditTable({ events }: { events: AuditEvent[] }) {
  if (events.length === 0) return <p>No events match.</p>;
  return (
    <div className="overflow-x-auto rounded-xl border border-line bg-surface" role="region" aria-label="Audit events" tabIndex={0}>
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="bg-canvas">
          <tr>
            {["#", "When", "Action", "Outcome", "Who", "Patient", "What", "From"].map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2 font-semibold">{heading}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id.toString()} className="border-t border-line align-top">
              <td className="px-3 py-2">{event.id.toString()}</td>
              <td className="px-3 py-2 whitespace-nowrap"><time dateTime={event.occurredAt.toISOString()}>{when.format(event.occurredAt)}</time></td>
              <td className="px-3 py-2 font-mono">{event.action}</td>
              <td className="px-3 py-2">{event.outcome}</td>
              <td className="px-3 py-2">{event.actorDisplay}</td>
              <td className="px-3 py-2 font-mono">
                {/* Opening a patient's records asks the administrator why first. */}
                {event.patientId ? <Link href={`/admin/patients/${event.patientId}`} className="underline">{event.patientId}</Link> : ""}
              </td>
              <td className="px-3 py-2">{[event.entityType, event.entityId].filter(Boolean).join(" ")}{event.recipientDisplay ? ` → ${event.recipientDisplay}` : ""}</td>
              <td className="px-3 py-2">{event.clientAddress ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
