import { randomBytes } from "node:crypto";
import type { UserActor } from "../auth/actor";
import type { Role } from "../db/generated/enums.ts";
import type { Database } from "../db/prisma";

// Accounts for the staff tests, each with a unique address, in the database the test run shares.

const unique = () => randomBytes(5).toString("hex");

export async function createOrganization(db: Database) {
  return db.organization.create({ data: { name: `Lakeside Clinic ${unique()}` } });
}

export async function createAccount(db: Database, role: Role, organizationId: string | null = null) {
  const user = await db.user.create({
    data: {
      email: `${role.toLowerCase()}-${unique()}@example.org`,
      name: `${role === "PATIENT" ? "Pat" : "Staff"} ${unique()}`,
      role,
      organizationId,
      passwordHash: role === "FRONT_DESK" || role === "ADMIN" ? "$argon2id$placeholder" : null,
      ...(role === "PATIENT" ? { patient: { create: { givenName: "Pat", familyName: "Test", birthDate: new Date("1960-02-03") } } } : {}),
    },
    include: { patient: { select: { id: true } } },
  });
  const actor: UserActor = {
    kind: "user",
    userId: user.id,
    role,
    displayName: user.name,
    email: user.email,
    organizationId,
    patientId: user.patient?.id ?? null,
    sessionId: null,
    client: { address: "203.0.113.9", userAgent: "vitest" },
  };
  return { user, actor };
}

export function auditEventsFor(db: Database, action: string, entityId: string) {
  return db.auditEvent.findMany({ where: { action, entityId }, orderBy: { id: "asc" } });
}
