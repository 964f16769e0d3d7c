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

/** Carrier itself, for background work (queue jobs, start-up); always with a reason. */
export type SystemActor = { kind: "system"; displayName: "Carrier"; reason: string };

export type Actor = UserActor | ShareRecipientActor | SystemActor;

export function systemActor(reason: string): SystemActor {
  return { kind: "system", displayName: "Carrier", reason };
}
