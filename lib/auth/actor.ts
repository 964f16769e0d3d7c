import type { Role } from "../db/generated/enums.ts";

// Who is acting: every lib/ function that touches patient data takes one and checks the policy.

export type ClientInfo = { address?: string; userAgent?: string };

export type UserActor = {
  kind: "user";
  userId: string;
  role: Role;
  displayName: string;
  email: string;
  /** Staff belong to an organization; patients and clinicians need not. */
  organizationId: string | null;
  /** The patient record this account holds (patients only). */
  patientId: string | null;
  sessionId: string | null;
  client: ClientInfo;
  /** Administrators only: the patients opened on this session with a reason, still in time (patient id to reason). */
  accessReasons?: Readonly<Record<string, string>>;
};

/** A clinician who opened a share link and passed its check: sees only what the link shares. */
export type ShareRecipientActor = {
  kind: "share-recipient";
  shareLinkId: string;
  patientId: string;
  studyIds: readonly string[];
  allowDownload: boolean;
  displayName: string;
  client: ClientInfo;
};

/** What an API key lets a system do: query and retrieve, store, or both. */
export type ApiKeyScope = "read" | "write";

/** An imaging system (a clinic's PACS, Orthanc) calling DICOMweb with an API key: acts for one organization. */
export type ApiKeyActor = {
  kind: "api-key";
  apiKeyId: string;
  organizationId: string;
  scopes: readonly ApiKeyScope[];
  /** The key's name and its organization's, as the audit trail and patients read them. */
  displayName: string;
  client: ClientInfo;
};

/** Carrier itself, for background work (queue jobs, start-up); always with a reason. */
export type SystemActor = { kind: "system"; displayName: "Carrier"; reason: string };

export type Actor = UserActor | ShareRecipientActor | ApiKeyActor | SystemActor;

export function systemActor(reason: string): SystemActor {
  return { kind: "system", displayName: "Carrier", reason };
}
