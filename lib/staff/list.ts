import "server-only";
import type { UserActor } from "../auth/actor";
import { assertCan } from "../auth/policy";
import type { Database } from "../db/prisma";
import { CARRIER } from "./guard";
import { MANAGED_ROLES, asManagedRole, isStaffRole, type ManagedRole } from "./roles";

// What the staff page shows: everyone with a staff or clinician account, and where each stands.

export type InvitationStatus =
  /** Has chosen a password (staff), or needs none (clinicians sign in by email link). */
  | { state: "accepted" }
  | { state: "pending"; expiresAt: Date }
  | { state: "expired"; expiresAt: Date }
  /** A staff account with no password and no live link: an administrator should send one. */
  | { state: "none" };

export type StaffMember = {
  id: string;
  name: string;
  email: string;
  role: ManagedRole;
  organizationName: string | null;
  deactivatedAt: Date | null;
  twoStepOn: boolean;
  /** The newest sign-in on any browser, ended or not. */
  lastSignInAt: Date | null;
  invitation: InvitationStatus;
  /** The acting administrator's own account, which they cannot demote or deactivate. */
  isYou: boolean;
};

export type OrganizationChoice = { id: string; name: string };

function invitationStatus(role: ManagedRole, hasPassword: boolean, newestLink: { expiresAt: Date } | undefined, now: Date): InvitationStatus {
  if (!isStaffRole(role) || hasPassword) return { state: "accepted" };
  if (!newestLink) return { state: "none" };
  return { state: newestLink.expiresAt > now ? "pending" : "expired", expiresAt: newestLink.expiresAt };
}

export async function listStaff(db: Database, actor: UserActor, now = new Date()): Promise<StaffMember[]> {
  assertCan(actor, "staff.manage", CARRIER);
  const users = await db.user.findMany({
    where: { role: { in: [...MANAGED_ROLES] } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      passwordHash: true,
      totpEnabledAt: true,
      deactivatedAt: true,
      organization: { select: { name: true } },
      sessions: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
      accountTokens: { where: { purpose: "INVITATION", usedAt: null }, orderBy: { createdAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
  });
  return users.map((user) => {
    // The query asked for managed roles only; this narrows the type without a cast.
    const role = asManagedRole(user.role) ?? "CLINICIAN";
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role,
      organizationName: user.organization?.name ?? null,
      deactivatedAt: user.deactivatedAt,
      twoStepOn: user.totpEnabledAt !== null,
      lastSignInAt: user.sessions[0]?.createdAt ?? null,
      invitation: invitationStatus(role, user.passwordHash !== null, user.accountTokens[0], now),
      isYou: user.id === actor.userId,
    };
  });
}

/** The organizations a new staff member can be invited to. */
export async function staffOrganizations(db: Database, actor: UserActor): Promise<OrganizationChoice[]> {
  assertCan(actor, "staff.manage", CARRIER);
  return db.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
