import "server-only";
import type { UserActor } from "../auth/actor";
import { assertCan } from "../auth/policy";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { InvalidInputError } from "../errors";
import { CARRIER, findManagedUser, lockStaffChanges } from "./guard";
import { staffRoleSchema } from "./input";
import { isStaffRole, type ManagedRole } from "./roles";

// Role changes and turning accounts off and on. An administrator can do neither to themselves:
// with the staff-changes lock (lib/staff/guard.ts) that keeps at least one active administrator.

/** Whom the change was for, their role after it, and whether anything changed (no-ops are not audited). */
export type StaffChange = { userId: string; name: string; role: ManagedRole; changed: boolean };

const NOT_YOURSELF = "ask another administrator. This way someone can always administer Carrier.";

/** `role` comes from a form, so it is parsed here: FRONT_DESK or ADMIN. */
export async function changeRole(db: Database, actor: UserActor, userId: string, role: string): Promise<StaffChange> {
  assertCan(actor, "staff.manage", CARRIER);
  const parsedRole = staffRoleSchema.safeParse(role);
  if (!parsedRole.success) throw new InvalidInputError(parsedRole.error.issues[0]?.message ?? "Choose a role.");
  const newRole = parsedRole.data;
  return db.$transaction(async (tx) => {
    await lockStaffChanges(tx, actor);
    const user = await findManagedUser(tx, userId);
    if (!isStaffRole(user.role)) throw new InvalidInputError("Clinicians have no staff role. Invite them as staff with a work email if they need one.");
    if (user.role === newRole) return { userId: user.id, name: user.name, role: user.role, changed: false };
    if (user.id === actor.userId) throw new InvalidInputError(`You cannot change your own role: ${NOT_YOURSELF}`);
    if (newRole === "FRONT_DESK" && !user.organizationId) throw new InvalidInputError(`${user.name} belongs to no organization, and front desk staff work for one.`);

    await tx.user.update({ where: { id: user.id }, data: { role: newRole } });
    await recordAuditEvent(tx, { actor, action: "staff.role-change", entityType: "User", entityId: user.id, channel: "web", detail: { from: user.role, to: newRole } });
    return { userId: user.id, name: user.name, role: newRole, changed: true };
  }, AUDITED_TRANSACTION);
}

/** Turns an account off and signs it out on every browser at once. */
export async function deactivate(db: Database, actor: UserActor, userId: string): Promise<StaffChange> {
  assertCan(actor, "staff.manage", CARRIER);
  return db.$transaction(async (tx) => {
    await lockStaffChanges(tx, actor);
    const user = await findManagedUser(tx, userId);
    if (user.id === actor.userId) throw new InvalidInputError(`You cannot deactivate your own account: ${NOT_YOURSELF}`);
    if (user.deactivatedAt) return { userId: user.id, name: user.name, role: user.role, changed: false };

    const now = new Date();
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: now } });
    const { count: sessionsEnded } = await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAuditEvent(tx, { actor, action: "staff.deactivate", entityType: "User", entityId: user.id, channel: "web", detail: { role: user.role, sessionsEnded } });
    return { userId: user.id, name: user.name, role: user.role, changed: true };
  }, AUDITED_TRANSACTION);
}

export async function reactivate(db: Database, actor: UserActor, userId: string): Promise<StaffChange> {
  assertCan(actor, "staff.manage", CARRIER);
  return db.$transaction(async (tx) => {
    await lockStaffChanges(tx, actor);
    const user = await findManagedUser(tx, userId);
    if (!user.deactivatedAt) return { userId: user.id, name: user.name, role: user.role, changed: false };

    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: null } });
    await recordAuditEvent(tx, { actor, action: "staff.reactivate", entityType: "User", entityId: user.id, channel: "web", detail: { role: user.role } });
    return { userId: user.id, name: user.name, role: user.role, changed: true };
  }, AUDITED_TRANSACTION);
}
