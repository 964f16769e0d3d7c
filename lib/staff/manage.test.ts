import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { actorForSession, createSession } from "../auth/sessions";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError, InvalidInputError } from "../errors";
import { resendInvitation } from "./invite";
import { changeRole, deactivate, reactivate } from "./manage";
import { auditEventsFor, createAccount, createOrganization } from "./test-support";

// Role changes and turning accounts off and on, as an administrator; what may never happen (an
// administrator locking themselves out, a patient's account managed here) is refused.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const client = { address: "192.0.2.1", userAgent: "test" };
let admin: UserActor;
let organizationId: string;

beforeAll(async () => {
  organizationId = (await createOrganization(db)).id;
  admin = (await createAccount(db, "ADMIN", organizationId)).actor;
});

describe("changing a role", () => {
  it("promotes and demotes staff, auditing each change", async () => {
    const { user } = await createAccount(db, "FRONT_DESK", organizationId);
    await expect(changeRole(db, admin, user.id, "ADMIN")).resolves.toMatchObject({ changed: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("ADMIN");
    await changeRole(db, admin, user.id, "FRONT_DESK");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("FRONT_DESK");

    const events = await auditEventsFor(db, "staff.role-change", user.id);
    expect(events.map((event) => event.detail)).toEqual([
      { from: "FRONT_DESK", to: "ADMIN" },
      { from: "ADMIN", to: "FRONT_DESK" },
    ]);
    expect(events[0]).toMatchObject({ actorUserId: admin.userId, entityType: "User" });
  });

  it("changes nothing, and records nothing, when the role is already that", async () => {
    const { user } = await createAccount(db, "FRONT_DESK", organizationId);
    await expect(changeRole(db, admin, user.id, "FRONT_DESK")).resolves.toMatchObject({ changed: false });
    expect(await auditEventsFor(db, "staff.role-change", user.id)).toEqual([]);
  });

  it("will not let an administrator demote themselves", async () => {
    await expect(changeRole(db, admin, admin.userId, "FRONT_DESK")).rejects.toThrow("You cannot change your own role");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).role).toBe("ADMIN");
  });

  it("refuses roles that are not staff roles, and clinicians, who have none", async () => {
    const { user } = await createAccount(db, "FRONT_DESK", organizationId);
    await expect(changeRole(db, admin, user.id, "PATIENT")).rejects.toThrow(InvalidInputError);
    const clinician = await createAccount(db, "CLINICIAN");
    await expect(changeRole(db, admin, clinician.user.id, "ADMIN")).rejects.toThrow("Clinicians have no staff role");
    expect((await db.user.findUniqueOrThrow({ where: { id: clinician.user.id } })).role).toBe("CLINICIAN");
  });
});

describe("deactivating and reactivating", () => {
  it("signs the person out on every browser at once, and lets them back in when reactivated", async () => {
    const { user } = await createAccount(db, "FRONT_DESK", organizationId);
    const sessions = await Promise.all([createSession(db, { userId: user.id, method: "PASSWORD", client }), createSession(db, { userId: user.id, method: "PASSWORD_TOTP", client })]);
    for (const session of sessions) expect(await actorForSession(db, session, client)).not.toBeNull();

    await expect(deactivate(db, admin, user.id)).resolves.toMatchObject({ changed: true });
    for (const session of sessions) expect(await actorForSession(db, session, client)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).deactivatedAt).not.toBeNull();
    const [turnedOff] = await auditEventsFor(db, "staff.deactivate", user.id);
    expect(turnedOff).toMatchObject({ actorUserId: admin.userId, detail: { role: "FRONT_DESK", sessionsEnded: 2 } });

    await expect(reactivate(db, admin, user.id)).resolves.toMatchObject({ changed: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).deactivatedAt).toBeNull();
    expect(await auditEventsFor(db, "staff.reactivate", user.id)).toHaveLength(1);
    // Ended sessions stay ended: reactivating means signing in again.
    for (const session of sessions) expect(await actorForSession(db, session, client)).toBeNull();
    const fresh = await createSession(db, { userId: user.id, method: "PASSWORD", client });
    expect(await actorForSession(db, fresh, client)).not.toBeNull();
  });

  it("turns clinicians' accounts off too", async () => {
    const clinician = await createAccount(db, "CLINICIAN");
    await deactivate(db, admin, clinician.user.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: clinician.user.id } })).deactivatedAt).not.toBeNull();
  });

  it("will not let an administrator deactivate themselves", async () => {
    await expect(deactivate(db, admin, admin.userId)).rejects.toThrow("You cannot deactivate your own account");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).deactivatedAt).toBeNull();
  });

  it("keeps an administrator: two who turn each other off at once cannot both succeed", async () => {
    const [first, second] = await Promise.all([createAccount(db, "ADMIN", organizationId), createAccount(db, "ADMIN", organizationId)]);
    const outcomes = await Promise.allSettled([deactivate(db, first.actor, second.user.id), deactivate(db, second.actor, first.user.id)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === "rejected")?.reason).toBeInstanceOf(ForbiddenError);
    expect(await db.user.count({ where: { id: { in: [first.user.id, second.user.id] }, deactivatedAt: null } })).toBe(1);
  });

  it("refuses an administrator whose own account was turned off after they signed in", async () => {
    const stale = await createAccount(db, "ADMIN", organizationId);
    const { user } = await createAccount(db, "FRONT_DESK", organizationId);
    await deactivate(db, admin, stale.user.id);
    await expect(deactivate(db, stale.actor, user.id)).rejects.toThrow(ForbiddenError);
    await expect(changeRole(db, stale.actor, user.id, "ADMIN")).rejects.toThrow(ForbiddenError);
  });
});

describe("ids from the browser", () => {
  it("are refused unless they name a staff or clinician account", async () => {
    const patient = await createAccount(db, "PATIENT");
    for (const userId of [patient.user.id, randomUUID(), "not-a-uuid", ""]) {
      await expect(changeRole(db, admin, userId, "ADMIN")).rejects.toThrow(ForbiddenError);
      await expect(deactivate(db, admin, userId)).rejects.toThrow(ForbiddenError);
      await expect(reactivate(db, admin, userId)).rejects.toThrow(ForbiddenError);
      await expect(resendInvitation(db, admin, userId)).rejects.toThrow(ForbiddenError);
    }
    const untouched = await db.user.findUniqueOrThrow({ where: { id: patient.user.id } });
    expect(untouched).toMatchObject({ role: "PATIENT", deactivatedAt: null });
  });
});
