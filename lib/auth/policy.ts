import { ForbiddenError } from "../errors";
import type { Actor, ApiKeyActor, ApiKeyScope, ShareRecipientActor, UserActor } from "./actor";

// The one place that decides who may do what. Pure: callers load the facts about the resource
// (in a query that already names the owner or grant) and ask; nothing else decides access.

export const ACTIONS = [
  "patient.read",
  "patient.search",
  "patient.register",
  "study.list",
  "study.view",
  "study.download",
  "study.upload",
  "study.share",
  "consent.sign",
  "consent.record",
  "consent.revoke",
  "transfer.create",
  "claim.publish",
  "claim.redeem",
  "audit.read",
  "audit.search",
  "staff.manage",
  "organization.manage",
  "destination.manage",
  "api-key.manage",
] as const;
export type Action = (typeof ACTIONS)[number];

/** A patient's records (or one study of theirs), with the facts the policy needs. */
export type PatientResource = {
  type: "patient";
  patientId: string;
  /** The account that holds the records, if the patient has one. */
  accountUserId: string | null;
  /** Organizations where the patient is registered (has an identifier). */
  organizationIds: readonly string[];
  /** Set when the resource is one study. */
  studyId?: string;
  /** Clinician accounts that a live consent or share grant lets see this study. */
  grantedUserIds?: readonly string[];
  /** Whether that grant allows downloads. */
  grantAllowsDownload?: boolean;
};

/** Something an organization does that is not yet about one patient (registering one). */
export type OrganizationResource = { type: "organization"; organizationId: string };

/** Carrier-wide administration: staff, organizations, destinations, the whole audit trail. */
export type CarrierResource = { type: "carrier" };

export type Resource = PatientResource | OrganizationResource | CarrierResource;

/**
 * An administrator browsing patient data must give a reason, which is audited: here, or on the
 * session for that patient (lib/patients/access-reasons.ts).
 */
export type PolicyContext = { reason?: string };

/** A reason must say something: a few words, not a keystroke. */
export const MIN_REASON_LENGTH = 10;

const PATIENT_OWN: ReadonlySet<Action> = new Set([
  "patient.read",
  "study.list",
  "study.view",
  "study.download",
  "study.upload",
  "study.share",
  "consent.sign",
  "consent.revoke",
  "transfer.create",
  "claim.redeem",
  "audit.read",
]);

const FRONT_DESK_ORGANIZATION_PATIENT: ReadonlySet<Action> = new Set([
  "patient.read",
  "study.list",
  "study.view",
  "study.download",
  "study.upload",
  "study.share",
  "consent.record",
  "consent.revoke",
  "transfer.create",
  "claim.publish",
]);

const ADMIN_WITH_REASON: ReadonlySet<Action> = new Set(["patient.read", "study.list", "study.view"]);
const ADMIN_CARRIER: ReadonlySet<Action> = new Set(["staff.manage", "organization.manage", "destination.manage", "audit.search", "api-key.manage"]);

// A system's key reaches its organization's patients through DICOMweb: query and retrieve with
// "read", store with "write"; never sharing, consent, or anything about Carrier itself.
const API_KEY_SCOPE_ACTIONS: Record<ApiKeyScope, ReadonlySet<Action>> = {
  read: new Set(["patient.read", "study.list", "study.view", "study.download"]),
  write: new Set(["study.upload"]),
};

function userMay(actor: UserActor, action: Action, resource: Resource, context: PolicyContext): boolean {
  switch (actor.role) {
    case "PATIENT":
      return resource.type === "patient" && resource.accountUserId === actor.userId && PATIENT_OWN.has(action);
    case "FRONT_DESK": {
      if (!actor.organizationId) return false;
      if (resource.type === "organization") return (action === "patient.register" || action === "patient.search") && resource.organizationId === actor.organizationId;
      return resource.type === "patient" && resource.organizationIds.includes(actor.organizationId) && FRONT_DESK_ORGANIZATION_PATIENT.has(action);
    }
    case "CLINICIAN": {
      if (resource.type !== "patient" || !resource.studyId || !resource.grantedUserIds?.includes(actor.userId)) return false;
      return action === "study.view" || (action === "study.download" && resource.grantAllowsDownload === true);
    }
    case "ADMIN":
      if (resource.type === "carrier") return ADMIN_CARRIER.has(action);
      if (resource.type !== "patient") return false;
      if (action === "audit.read") return true;
      return ADMIN_WITH_REASON.has(action) && (context.reason ?? actor.accessReasons?.[resource.patientId] ?? "").trim().length >= MIN_REASON_LENGTH;
  }
}

function shareRecipientMay(actor: ShareRecipientActor, action: Action, resource: Resource): boolean {
  if (resource.type !== "patient" || resource.patientId !== actor.patientId || !resource.studyId) return false;
  if (!actor.studyIds.includes(resource.studyId)) return false;
  return action === "study.view" || (action === "study.download" && actor.allowDownload);
}

function apiKeyMay(actor: ApiKeyActor, action: Action, resource: Resource): boolean {
  if (resource.type !== "patient" || !resource.organizationIds.includes(actor.organizationId)) return false;
  return actor.scopes.some((scope) => API_KEY_SCOPE_ACTIONS[scope].has(action));
}

export function can(actor: Actor, action: Action, resource: Resource, context: PolicyContext = {}): boolean {
  switch (actor.kind) {
    case "user":
      return userMay(actor, action, resource, context);
    case "share-recipient":
      return shareRecipientMay(actor, action, resource);
    case "api-key":
      return apiKeyMay(actor, action, resource);
    case "system":
      return actor.reason.trim().length > 0;
  }
}

export function assertCan(actor: Actor, action: Action, resource: Resource, context: PolicyContext = {}): void {
  if (!can(actor, action, resource, context)) throw new ForbiddenError();
}
