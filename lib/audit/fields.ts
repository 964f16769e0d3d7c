import type { Actor } from "../auth/actor.ts";
import type { AuditOutcome, Role } from "../db/generated/enums.ts";
import { auditActionDefinition, type AuditAction } from "./actions.ts";
import type { AuditChainFields, JsonObject } from "./chain.ts";

// Turns what a caller says happened into the columns of one audit event, in the exact form that
// PostgreSQL gives back, so that the hash computed now still matches when the row is read later.

export const AUDIT_CHANNELS = ["web", "share-link", "dicomweb", "dimse", "carequality", "carrier", "xdr-i", "email"] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

export type AuditEventInput = {
  actor: Actor;
  action: AuditAction;
  /** Defaults to the action's own outcome (a failed sign-in is a failure), else SUCCESS. */
  outcome?: AuditOutcome;
  patientId?: string | null;
  studyIds?: readonly string[];
  entityType?: string | null;
  entityId?: string | null;
  /** Who received the data when that is not the actor: a destination, a share recipient. */
  recipientDisplay?: string | null;
  channel?: AuditChannel | null;
  purposeOfUse?: string | null;
  /** Facts particular to this event. A system actor's reason is added as `reason` (a share link's id as `shareLinkId`, an API key's as `apiKeyId` and `organizationId`), or as `actorReason` when the caller already uses `reason`. */
  detail?: JsonObject | null;
};

const ROLE_NAMES: Record<Role, string> = {
  PATIENT: "patient",
  FRONT_DESK: "front desk",
  CLINICIAN: "clinician",
  ADMIN: "administrator",
};

type ActorColumns = Pick<AuditChainFields, "actorKind" | "actorUserId" | "actorDisplay" | "clientAddress" | "userAgent"> & {
  /** What the actor adds to the detail: a system actor's reason, a share recipient's link, an API key and its organization. */
  actorDetail: JsonObject | null;
};

function actorColumns(actor: Actor, patientId: string | null | undefined): ActorColumns {
  switch (actor.kind) {
    case "user": {
      // An administrator's look at a patient carries the reason they gave for it.
      const reason = patientId ? actor.accessReasons?.[patientId] : undefined;
      return {
        actorKind: "USER",
        actorUserId: uuid(actor.userId),
        actorDisplay: `${actor.displayName} (${ROLE_NAMES[actor.role]})`,
        clientAddress: actor.client.address ?? null,
        userAgent: actor.client.userAgent ?? null,
        actorDetail: reason ? { reason } : null,
      };
    }
    case "share-recipient":
      return {
        actorKind: "SHARE_RECIPIENT",
        actorUserId: null,
        actorDisplay: actor.displayName,
        clientAddress: actor.client.address ?? null,
        userAgent: actor.client.userAgent ?? null,
        actorDetail: { shareLinkId: actor.shareLinkId },
      };
    case "api-key":
      return {
        actorKind: "API_KEY",
        actorUserId: null,
        actorDisplay: actor.displayName,
        clientAddress: actor.client.address ?? null,
        userAgent: actor.client.userAgent ?? null,
        actorDetail: { apiKeyId: actor.apiKeyId, organizationId: actor.organizationId },
      };
    case "system":
      return { actorKind: "SYSTEM", actorUserId: null, actorDisplay: actor.displayName, clientAddress: null, userAgent: null, actorDetail: { reason: actor.reason } };
  }
}

/** PostgreSQL returns uuid columns in lower case; hashing what it will return keeps the chain valid. */
function uuid(value: string): string {
  return value.toLowerCase();
}

/** The actor's keys join the caller's; on a clash the caller's value stays and the actor's is kept as actorReason etc. */
function mergedDetail(callerDetail: JsonObject | null | undefined, actorDetail: JsonObject | null): JsonObject | null {
  if (!callerDetail && !actorDetail) return null;
  const merged: Record<string, JsonObject[string]> = { ...callerDetail };
  for (const [key, value] of Object.entries(actorDetail ?? {})) {
    const free = merged[key] === undefined;
    merged[free ? key : `actor${key[0]!.toUpperCase()}${key.slice(1)}`] = value;
  }
  return merged;
}

export function auditFields(input: AuditEventInput, occurredAt: Date): AuditChainFields {
  const { actorDetail, ...actor } = actorColumns(input.actor, input.patientId);
  return {
    occurredAt,
    action: input.action,
    outcome: input.outcome ?? auditActionDefinition(input.action).outcome ?? "SUCCESS",
    ...actor,
    patientId: input.patientId ? uuid(input.patientId) : null,
    studyIds: (input.studyIds ?? []).map(uuid),
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    recipientDisplay: input.recipientDisplay ?? null,
    channel: input.channel ?? null,
    purposeOfUse: input.purposeOfUse ?? null,
    detail: mergedDetail(input.detail, actorDetail),
  };
}
