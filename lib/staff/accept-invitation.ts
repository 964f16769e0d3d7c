import "server-only";
import type { ClientInfo } from "../auth/actor";
import { systemActor } from "../auth/actor";
import { checkNewPassword, hashPassword } from "../auth/password";
import { STAFF_ROLES } from "../auth/staff-credentials";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Prisma } from "../db/generated/client.ts";
import type { Database } from "../db/prisma";
import { AppError } from "../errors";
import { hashAccountToken, looksLikeAccountToken } from "./account-token";

// The invitee is not signed in: the link itself is the proof. It works once, before it expires, and
// only while the account is active. Unknown, used and expired links all get the same answer.

export const INVITATION_EXPIRED_MESSAGE = "This invitation link has expired or was already used. Ask your administrator for a new one.";

export class InvitationExpiredError extends AppError {
  constructor() {
    super("invitation_expired", 410, INVITATION_EXPIRED_MESSAGE);
  }
}

const liveInvitation = (tokenHash: string, now: Date): Prisma.AccountTokenWhereInput => ({
  tokenHash,
  purpose: "INVITATION",
  usedAt: null,
  expiresAt: { gt: now },
  user: { deactivatedAt: null, role: { in: [...STAFF_ROLES] } },
});

export type InvitationDetails = { name: string; email: string; organizationName: string | null; expiresAt: Date };

/** Who a live invitation is for, so its page can greet them; null for any link that would not work. */
export async function describeInvitation(db: Database, token: string, now = new Date()): Promise<InvitationDetails | null> {
  if (!looksLikeAccountToken(token)) return null;
  const invitation = await db.accountToken.findFirst({
    where: liveInvitation(hashAccountToken(token), now),
    select: { expiresAt: true, user: { select: { name: true, email: true, organization: { select: { name: true } } } } },
  });
  if (!invitation) return null;
  return { name: invitation.user.name, email: invitation.user.email, organizationName: invitation.user.organization?.name ?? null, expiresAt: invitation.expiresAt };
}

/** Sets the invitee's first password. Returns their email, for the sign-in that follows. */
export async function acceptInvitation(db: Database, token: string, password: string, client: ClientInfo = {}): Promise<{ email: string }> {
  checkNewPassword(password);
  if (!looksLikeAccountToken(token)) throw new InvitationExpiredError();
  // Hashed before the transaction: argon2 takes a while, and the transaction should not.
  const passwordHash = await hashPassword(password);
  const now = new Date();
  return db.$transaction(async (tx) => {
    const invitation = await tx.accountToken.findFirst({ where: liveInvitation(hashAccountToken(token), now), select: { id: true, userId: true } });
    if (!invitation) throw new InvitationExpiredError();
    // Claimed with a condition, so the same link opened twice at once sets one password, once.
    const claimed = await tx.accountToken.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new InvitationExpiredError();
    // Following the emailed link also proves the address.
    const user = await tx.user.update({ where: { id: invitation.userId }, data: { passwordHash, emailVerified: now }, select: { id: true, email: true } });
    await recordAuditEvent(tx, {
      actor: systemActor("invitation accepted"),
      action: "auth.password-set",
      entityType: "User",
      entityId: user.id,
      channel: "web",
      detail: { clientAddress: client.address ?? null, userAgent: client.userAgent ?? null },
    });
    return { email: user.email };
  }, AUDITED_TRANSACTION);
}
