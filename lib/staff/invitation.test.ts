import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { verifyPassword } from "../auth/password";
import { createPrismaClient } from "../db/prisma";
import { InvalidInputError } from "../errors";
import { acceptInvitation, describeInvitation, InvitationExpiredError } from "./accept-invitation";
import { InvalidStaffFieldsError } from "./input";
import { inviteStaff, resendInvitation } from "./invite";
import { auditEventsFor, createAccount, createOrganization } from "./test-support";

// Invitations end to end in the library: an administrator invites, the invitee sets a password
// with the link, and every link that should not work (used, expired, unknown, for a deactivated
// account) is refused with the same words.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const PASSWORD = "tidal lantern orchard";
let admin: UserActor;
let organizationId: string;

beforeAll(async () => {
  const organization = await createOrganization(db);
  organizationId = organization.id;
  admin = (await createAccount(db, "ADMIN", organizationId)).actor;
});

const newcomer = () => ({ name: "Noor Haddad", email: `Noor.${randomBytes(4).toString("hex")}@Example.org`, role: "FRONT_DESK" as const, organizationId });

describe("inviting staff", () => {
  it("creates the account without a password and a link stored only as its hash, and audits it", async () => {
    const input = newcomer();
    const invitation = await inviteStaff(db, admin, input);

    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.email).toBe(input.email.toLowerCase());
    const user = await db.user.findUniqueOrThrow({ where: { id: invitation.userId }, include: { accountTokens: true } });
    expect(user).toMatchObject({ name: "Noor Haddad", role: "FRONT_DESK", organizationId, passwordHash: null, deactivatedAt: null });
    expect(user.accountTokens).toHaveLength(1);
    const [link] = user.accountTokens;
    expect(link).toMatchObject({ purpose: "INVITATION", usedAt: null, tokenHash: createHash("sha256").update(invitation.token).digest("hex") });
    const days = (link!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const [event] = await auditEventsFor(db, "staff.invite", user.id);
    expect(event).toMatchObject({ actorUserId: admin.userId, actorKind: "USER", outcome: "SUCCESS", detail: { email: user.email, role: "FRONT_DESK", organizationId } });
  });

  it("refuses an address that already has an account, in any case", async () => {
    const input = newcomer();
    await inviteStaff(db, admin, input);
    const again = inviteStaff(db, admin, { ...input, email: input.email.toUpperCase(), name: "Someone Else" });
    await expect(again).rejects.toThrow(InvalidStaffFieldsError);
    await expect(again).rejects.toMatchObject({ fieldErrors: { email: "An account with this email already exists." } });
  });

  it("says what is wrong with each field", async () => {
    const attempt = inviteStaff(db, admin, { name: " ", email: "not an email", role: "PATIENT", organizationId: "nope" });
    await expect(attempt).rejects.toMatchObject({
      fieldErrors: {
        name: "Enter the person's full name.",
        email: "Enter a work email address, like name@hospital.org.",
        role: "Choose a role: front desk or administrator.",
        organizationId: "Choose the organization they work for.",
      },
    });
  });

  it("refuses an organization that does not exist, and creates nothing", async () => {
    const input = { ...newcomer(), organizationId: "7f1d1c5e-0000-4000-8000-000000000000" };
    await expect(inviteStaff(db, admin, input)).rejects.toMatchObject({ fieldErrors: { organizationId: expect.stringContaining("does not exist") as string } });
    expect(await db.user.count({ where: { email: input.email.toLowerCase() } })).toBe(0);
  });
});

describe("accepting an invitation", () => {
  it("sets the password once, marks the link used, and audits it as Carrier", async () => {
    const invitation = await inviteStaff(db, admin, newcomer());
    expect(await describeInvitation(db, invitation.token)).toMatchObject({ name: "Noor Haddad", email: invitation.email, organizationName: invitation.organizationName });

    await expect(acceptInvitation(db, invitation.token, PASSWORD, { address: "198.51.100.2" })).resolves.toEqual({ email: invitation.email });
    const user = await db.user.findUniqueOrThrow({ where: { id: invitation.userId }, include: { accountTokens: true } });
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    expect(user.emailVerified).not.toBeNull();
    expect(user.accountTokens[0]?.usedAt).not.toBeNull();

    const [event] = await auditEventsFor(db, "auth.password-set", user.id);
    expect(event).toMatchObject({ actorKind: "SYSTEM", actorUserId: null, actorDisplay: "Carrier", entityType: "User", detail: { reason: "invitation accepted", clientAddress: "198.51.100.2" } });

    // Used: the same link now reads like any dead link, on its page and when submitted.
    expect(await describeInvitation(db, invitation.token)).toBeNull();
    await expect(acceptInvitation(db, invitation.token, "another long password")).rejects.toThrow(InvitationExpiredError);
    expect(await verifyPassword((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, PASSWORD)).toBe(true);
  });

  it("refuses an expired link", async () => {
    const invitation = await inviteStaff(db, admin, newcomer());
    await db.accountToken.updateMany({ where: { userId: invitation.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeInvitation(db, invitation.token)).toBeNull();
    await expect(acceptInvitation(db, invitation.token, PASSWORD)).rejects.toThrow("This invitation link has expired or was already used. Ask your administrator for a new one.");
    expect((await db.user.findUniqueOrThrow({ where: { id: invitation.userId } })).passwordHash).toBeNull();
  });

  it("refuses unknown and malformed links the same way", async () => {
    for (const token of [randomBytes(32).toString("base64url"), "short", "", "x".repeat(400)]) {
      expect(await describeInvitation(db, token)).toBeNull();
      await expect(acceptInvitation(db, token, PASSWORD)).rejects.toThrow(InvitationExpiredError);
    }
  });

  it("refuses a link for an account that was deactivated since", async () => {
    const invitation = await inviteStaff(db, admin, newcomer());
    await db.user.update({ where: { id: invitation.userId }, data: { deactivatedAt: new Date() } });
    await expect(acceptInvitation(db, invitation.token, PASSWORD)).rejects.toThrow(InvitationExpiredError);
  });

  it("asks for a longer password and leaves the link usable", async () => {
    const invitation = await inviteStaff(db, admin, newcomer());
    const attempt = acceptInvitation(db, invitation.token, "too short");
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toThrow("Use at least 12 characters");
    await expect(acceptInvitation(db, invitation.token, PASSWORD)).resolves.toEqual({ email: invitation.email });
  });

  it("sets one password when the link is submitted twice at the same moment", async () => {
    const invitation = await inviteStaff(db, admin, newcomer());
    const outcomes = await Promise.allSettled([acceptInvitation(db, invitation.token, "first long password"), acceptInvitation(db, invitation.token, "second long password")]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.flatMap((outcome): unknown[] => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(InvitationExpiredError);
    expect(await auditEventsFor(db, "auth.password-set", invitation.userId)).toHaveLength(1);
  });
});

describe("sending a new invitation", () => {
  it("replaces the earlier link", async () => {
    const first = await inviteStaff(db, admin, newcomer());
    const second = await resendInvitation(db, admin, first.userId);
    expect(second.token).not.toBe(first.token);
    await expect(acceptInvitation(db, first.token, PASSWORD)).rejects.toThrow(InvitationExpiredError);
    await expect(acceptInvitation(db, second.token, PASSWORD)).resolves.toEqual({ email: first.email });
    expect(await auditEventsFor(db, "staff.invite", first.userId)).toHaveLength(2);
  });

  it("is refused once the password is set, and for clinicians", async () => {
    const invitation = await inviteStaff(db, admin, newcomer());
    await acceptInvitation(db, invitation.token, PASSWORD);
    await expect(resendInvitation(db, admin, invitation.userId)).rejects.toThrow("has already set a password");
    const clinician = await createAccount(db, "CLINICIAN");
    await expect(resendInvitation(db, admin, clinician.user.id)).rejects.toThrow("Clinicians sign in with an email link");
  });
});
