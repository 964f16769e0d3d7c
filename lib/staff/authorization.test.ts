import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { inviteStaff, resendInvitation } from "./invite";
import { listStaff, staffOrganizations } from "./list";
import { changeRole, deactivate, reactivate } from "./manage";
import { createAccount, createOrganization } from "./test-support";

// Only administrators manage staff. Every function checks for itself, so a page or action that
// forgot to would still not let anyone else through, and nothing changes when they are refused.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

let organizationId: string;
let target: { id: string; role: string };
const outsiders: Record<string, UserActor> = {};

beforeAll(async () => {
  organizationId = (await createOrganization(db)).id;
  target = (await createAccount(db, "FRONT_DESK", organizationId)).user;
  outsiders["front desk"] = (await createAccount(db, "FRONT_DESK", organizationId)).actor;
  outsiders.patient = (await createAccount(db, "PATIENT")).actor;
  outsiders.clinician = (await createAccount(db, "CLINICIAN")).actor;
});

const attempts = {
  listStaff: (actor: UserActor) => listStaff(db, actor),
  staffOrganizations: (actor: UserActor) => staffOrganizations(db, actor),
  inviteStaff: (actor: UserActor) => inviteStaff(db, actor, { name: "Intruder Guest", email: `guest-${randomBytes(4).toString("hex")}@example.org`, role: "ADMIN", organizationId }),
  resendInvitation: (actor: UserActor) => resendInvitation(db, actor, target.id),
  changeRole: (actor: UserActor) => changeRole(db, actor, target.id, "ADMIN"),
  deactivate: (actor: UserActor) => deactivate(db, actor, target.id),
  reactivate: (actor: UserActor) => reactivate(db, actor, target.id),
};

describe("managing staff", () => {
  for (const who of ["front desk", "patient", "clinician"]) {
    for (const [name, attempt] of Object.entries(attempts)) {
      it(`is refused to a ${who} (${name})`, async () => {
        await expect(attempt(outsiders[who]!)).rejects.toThrow(ForbiddenError);
      });
    }
  }

  it("changed nothing for those refused", async () => {
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ role: "FRONT_DESK", deactivatedAt: null });
    expect(await db.user.count({ where: { name: "Intruder Guest" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityId: target.id } })).toBe(0);
  });
});
