import { createHash } from "node:crypto";
import type { ActorKind, AuditOutcome } from "../db/generated/enums.ts";

// The hash chain, shared by the writer and the verifier so both compute exactly the same bytes:
// hash = sha256(prevHash + "\n" + canonical JSON of the row's fields). The canonical form must
// survive a round trip through PostgreSQL: jsonb reorders object keys (so keys are sorted here),
// absent and null columns both read back as null (so every field is always present, as null), and
// the timestamp(3) column keeps milliseconds (so the time is written as an ISO string with them).

export const GENESIS_HASH = "0".repeat(64);

export type JsonValue = string | number | boolean | null | JsonArray | JsonObject;
export type JsonArray = readonly JsonValue[];
/** Properties set to undefined are left out, as JSON.stringify (and so Prisma) leaves them out. */
export type JsonObject = { readonly [key: string]: JsonValue | undefined };

/** The columns an audit event's hash covers: all but id, prevHash and hash. */
export type AuditChainFields = {
  occurredAt: Date;
  action: string;
  outcome: AuditOutcome;
  actorKind: ActorKind;
  actorUserId: string | null;
  actorDisplay: string;
  patientId: string | null;
  studyIds: string[];
  entityType: string | null;
  entityId: string | null;
  recipientDisplay: string | null;
  channel: string | null;
  purposeOfUse: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  detail: JsonObject | null;
};

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "null";
  if (isJsonArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (typeof value === "object") {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`An audit detail holds ${value}, which JSON cannot carry.`);
  return JSON.stringify(value);
}

// Array.isArray does not narrow a readonly array type.
function isJsonArray(value: JsonValue): value is JsonArray {
  return Array.isArray(value);
}

export function canonicalFields(fields: AuditChainFields): string {
  return canonicalJson({ ...fields, occurredAt: fields.occurredAt.toISOString() });
}

export function chainHash(prevHash: string, fields: AuditChainFields): string {
  return createHash("sha256").update(`${prevHash}\n${canonicalFields(fields)}`, "utf8").digest("hex");
}

/** The hashed fields of a stored row, read back the way they were written. */
export function chainFieldsOf(row: Omit<AuditChainFields, "studyIds" | "detail"> & { studyIds: string[] | null; detail: unknown }): AuditChainFields {
  return {
    occurredAt: row.occurredAt,
    action: row.action,
    outcome: row.outcome,
    actorKind: row.actorKind,
    actorUserId: row.actorUserId,
    actorDisplay: row.actorDisplay,
    patientId: row.patientId,
    studyIds: row.studyIds ?? [],
    entityType: row.entityType,
    entityId: row.entityId,
    recipientDisplay: row.recipientDisplay,
    channel: row.channel,
    purposeOfUse: row.purposeOfUse,
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
    detail: (row.detail ?? null) as JsonObject | null,
  };
}
