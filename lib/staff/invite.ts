import "server-only";
import type { UserActor } from "../auth/actor";
import { assertCan } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import { Prisma } from "../db/generated/client.ts";
import type { Database } from "../db/prisma";
import { InvalidInputError } from "../errors";
import { INVITATION_DAYS, invitationExpiry, newAccountToken } from "./account-token";
import { CARRIER, findManagedUser, lockStaffChanges } from "./guard";
import { InvalidStaffFieldsError, parseInviteStaffInput, type InviteStaffInput } from "./input";
import { isStaffRole } from "./roles";

// Administrators bring staff in by invitation: the account exists at once, without a password, and
// the emailed link lets the person choose one (lib/staff/accept-invitation.ts). The caller sends the
// email, after the transaction, with the plain token returned here; it is never stored.

export type Invitation = {
  /** Goes in the emailed link only. */
  token: string;
  userId: string;
  name: string;
  email: string;
  organizationName: string;
  expiresAt: Date;
  days: number;
};

const EMAIL_TAKEN = "An account with this email already exists.";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function inviteStaff(db: Database, actor: UserActor, input: InviteStaffInput): Promise<Invitation> {
  assertCan(actor, "staff.manage", CARRIER);
  const fields = parseInviteStaffInput(input);
  const { token, tokenHash } = newAccountToken();
  try {
    return await db.$transaction(async (tx) => {
      await lockStaffChanges(tx, actor);
      const organization = await tx.organization.findUnique({ where: { id: fields.organizationId }, select: { name: true } });
      if (!organization) throw new InvalidStaffFieldsError({ organizationId: "That organization does not exist any more. Reload the page and choose again." });
      // Addresses are stored in lower case, but older rows may not be: compare without case.
      const taken = await tx.user.count({ where: { email: { equals: fields.email, mode: "insensitive" } } });
      if (taken > 0) throw new InvalidStaffFieldsError({ email: EMAIL_TAKEN });

      const user = await tx.user.create({ data: { email: fields.email, name: fields.name, role: fields.role, organizationId: fields.organizationId } });
      const expiresAt = invitationExpiry(new Date());
      await tx.accountToken.create({ data: { userId: user.id, purpose: "INVITATION", tokenHash, expiresAt } });
      await recordAuditEvent(tx, {
        actor,
        action: "staff.invite",
        entityType: "User",
        entityId: user.id,
        channel: "web",
        detail: { email: user.email, role: user.role, organizationId: fields.organizationId },
      });
      return { token, userId: user.id, name: user.name, email: user.email, organizationName: organization.name, expiresAt, days: INVITATION_DAYS };
    }, AUDITED_TRANSACTION);
  } catch (error) {
    // Two invitations for one address at the same moment: the database keeps the first.
    if (isUniqueViolation(error)) throw new InvalidStaffFieldsError({ email: EMAIL_TAKEN });
    throw error;
  }
}

/**
 * A new link for someone who has not yet set a password (the email went astray, or the link
 * expired). Earlier links stop working, so only the newest email counts.
 */
export async function resendInvitation(db: Database, actor: UserActor, userId: string): Promise<Invitation> {
  assertCan(actor, "staff.manage", CARRIER);
  const { token, tokenHash } = newAccountToken();
  return db.$transaction(async (tx) => {
    await lockStaffChanges(tx, actor);
    const user = await findManagedUser(tx, userId);
    if (!isStaffRole(user.role)) throw new InvalidInputError("Clinicians sign in with an email link: they need no invitation.");
    if (user.passwordHash) throw new InvalidInputError(`${user.name} has already set a password and can sign in.`);
    if (user.deactivatedAt) throw new InvalidInputError(`${user.name}'s account is deactivated. Reactivate it first.`);
    const organization = user.organizationId ? await tx.organization.findUnique({ where: { id: user.organizationId }, select: { name: true } }) : null;

    await tx.accountToken.deleteMany({ where: { userId: user.id, purpose: "INVITATION", usedAt: null } });
    const expiresAt = invitationExpiry(new Date());
    await tx.accountToken.create({ data: { userId: user.id, purpose: "INVITATION", tokenHash, expiresAt } });
    await recordAuditEvent(tx, { actor, action: "staff.invite", entityType: "User", entityId: user.id, channel: "web", detail: { email: user.email, role: user.role, resent: true } });
    return { token, userId: user.id, name: user.name, email: user.email, organizationName: organization?.name ?? "your organization", expiresAt, days: INVITATION_DAYS };
  }, AUDITED_TRANSACTION);
}
