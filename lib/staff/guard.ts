import type { UserActor } from "../auth/actor";
import type { CarrierResource } from "../auth/policy";
import type { Prisma } from "../db/generated/client.ts";
import { ForbiddenError } from "../errors";
import { z } from "zod";
import { MANAGED_ROLES, asManagedRole } from "./roles";

// Shared by every change to staff accounts: the policy resource, the transaction settings, and the
// re-checks that keep someone able to administer Carrier.

export const CARRIER: CarrierResource = { type: "carrier" };

/** Serializes staff changes, so two administrators cannot turn each other off at the same moment. */
const STAFF_CHANGES_LOCK = 0x5374616666n; // "Staff" in ASCII

/**
 * Takes the staff-changes lock and re-reads the acting administrator under it: the actor was loaded
 * at the start of the request, and may have been turned off or demoted since.
 */
export async function lockStaffChanges(tx: Prisma.TransactionClient, actor: UserActor): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STAFF_CHANGES_LOCK})`;
  const stillAdmin = await tx.user.count({ where: { id: actor.userId, role: "ADMIN", deactivatedAt: null } });
  if (stillAdmin === 0) throw new ForbiddenError();
}

/** A staff or clinician account by an id that came from a browser; anything else reads as not found. */
export async function findManagedUser(tx: Prisma.TransactionClient, userId: string) {
  if (!z.uuid().safeParse(userId).success) throw new ForbiddenError();
  const user = await tx.user.findFirst({
    where: { id: userId, role: { in: [...MANAGED_ROLES] } },
    select: { id: true, name: true, email: true, role: true, organizationId: true, passwordHash: true, deactivatedAt: true },
  });
  const role = user && asManagedRole(user.role);
  if (!user || !role) throw new ForbiddenError();
  return { ...user, role };
}
