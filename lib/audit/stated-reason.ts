import type { AuditEvent } from "../db/generated/client.ts";

/**
 * The reason a person gave for what an event records (an administrator opening a patient's data,
 * lib/patients/access-reasons.ts), kept in the event's detail; null when none was asked for.
 */
export function statedReason(event: Pick<AuditEvent, "actorKind" | "detail">): string | null {
  const detail = event.detail as { reason?: unknown } | null;
  return event.actorKind === "USER" && typeof detail?.reason === "string" ? detail.reason : null;
}
