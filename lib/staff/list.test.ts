import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { createSession } from "../auth/sessions";
import { createPrismaClient } from "../db/prisma";
import { acceptInvitation } from "./accept-invitation";
import { inviteStaff } from "./invite";
import { listStaff, staffOrganizations, type StaffMember } from "./list";
import { createAccount, createOrganization } from "./test-support";

// The staff page's list: staff and clinicians (never patients), and where each account stands.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

let admin: UserActor;
let organization: { id: string; name: string };

beforeAll(async () => {
  organization = await createOrganization(db);
  admin = (await createAccount(db, "ADMIN", organization.id)).actor;
});

const inList = (list: StaffMember[], id: string) => list.find((member) => member.id === id);

describe("the staff list", () => {
  it("shows staff and clinicians with organization, status, two-step, last sign-in and invitation", async () => {
    const desk = await createAccount(db, "FRONT_DESK", organization.id);
    await db.user.update({ where: { id: desk.user.id }, data: { totpEnabledAt: new Date() } });
    await createSession(db, { userId: desk.user.id, method: "PASSWORD", client: {} });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newest = await createSession(db, { userId: desk.user.id, method: "PASSWORD_TOTP", client: {} });
    await db.session.update({ where: { id: newest }, data: { revokedAt: new Date() } });
    const newestAt = (await db.session.findUniqueOrThrow({ where: { id: newest } })).createdAt;

    const clinician = await createAccount(db, "CLINICIAN");
    await db.user.update({ where: { id: clinician.user.id }, data: { deactivatedAt: new Date() } });
    const patient = await createAccount(db, "PATIENT");
    const pending = await inviteStaff(db, admin, { name: "Pending Person", email: `pending-${Date.now()}@example.org`, role: "ADMIN", organizationId: organization.id });
    const expired = await inviteStaff(db, admin, { name: "Expired Person", email: `expired-${Date.now()}@example.org`, role: "FRONT_DESK", organizationId: organization.id });
    await db.accountToken.updateMany({ where: { userId: expired.userId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    const accepted = await inviteStaff(db, admin, { name: "Accepted Person", email: `accepted-${Date.now()}@example.org`, role: "FRONT_DESK", organizationId: organization.id });
    await acceptInvitation(db, accepted.token, "a long enough password");

    const list = await listStaff(db, admin);
    expect(inList(list, desk.user.id)).toMatchObject({ role: "FRONT_DESK", organizationName: organization.name, deactivatedAt: null, twoStepOn: true, lastSignInAt: newestAt, invitation: { state: "accepted" }, isYou: false });
    expect(inList(list, clinician.user.id)).toMatchObject({ role: "CLINICIAN", organizationName: null, deactivatedAt: expect.any(Date) as Date, twoStepOn: false, lastSignInAt: null, invitation: { state: "accepted" } });
    expect(inList(list, pending.userId)).toMatchObject({ role: "ADMIN", invitation: { state: "pending", expiresAt: pending.expiresAt } });
    expect(inList(list, expired.userId)?.invitation.state).toBe("expired");
    expect(inList(list, accepted.userId)?.invitation.state).toBe("accepted");
    expect(inList(list, admin.userId)?.isYou).toBe(true);
    expect(inList(list, patient.user.id)).toBeUndefined();
    expect(list.map((member) => member.role)).not.toContain("PATIENT");
  });

  it("offers every organization to invite into", async () => {
    expect(await staffOrganizations(db, admin)).toContainEqual({ id: organization.id, name: organization.name });
  });
});
