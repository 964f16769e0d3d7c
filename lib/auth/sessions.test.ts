import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../db/prisma";
import { carrierAdapter } from "./adapter";
import { actorForSession, createSession, endAllSessions, endSession } from "./sessions";

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const client = { address: "127.0.0.1", userAgent: "test" };

async function user(deactivated = false) {
  return db.user.create({ data: { email: `u-${randomBytes(4).toString("hex")}@example.org`, name: "Session Test", role: "FRONT_DESK", deactivatedAt: deactivated ? new Date() : null } });
}

describe("sessions", () => {
  it("stand for their user until ended, and ending everywhere ends them all", async () => {
    const holder = await user();
    const [here, there] = await Promise.all([createSession(db, { userId: holder.id, method: "PASSWORD", client }), createSession(db, { userId: holder.id, method: "PASSWORD", client })]);
    const actor = await actorForSession(db, here, client);
    expect(actor).toMatchObject({ kind: "user", userId: holder.id, role: "FRONT_DESK", sessionId: here });

    await endSession(db, actor!);
    expect(await actorForSession(db, here, client)).toBeNull();
    expect(await actorForSession(db, there, client)).not.toBeNull();

    const third = await createSession(db, { userId: holder.id, method: "PASSWORD", client });
    expect(await endAllSessions(db, (await actorForSession(db, third, client))!)).toBe(2);
    expect(await actorForSession(db, there, client)).toBeNull();
    expect(await actorForSession(db, third, client)).toBeNull();
  });

  it("end when they expire or the account is deactivated", async () => {
    const holder = await user();
    const session = await createSession(db, { userId: holder.id, method: "EMAIL_LINK", client });
    expect(await actorForSession(db, session, client, new Date(Date.now() + 13 * 3600_000))).toBeNull();
    await db.user.update({ where: { id: holder.id }, data: { deactivatedAt: new Date() } });
    expect(await actorForSession(db, session, client)).toBeNull();
  });

  it("cannot be ended by someone else", async () => {
    const [owner, other] = await Promise.all([user(), user()]);
    const session = await createSession(db, { userId: owner.id, method: "PASSWORD", client });
    const otherSession = await createSession(db, { userId: other.id, method: "PASSWORD", client });
    const intruder = (await actorForSession(db, otherSession, client))!;
    await endSession(db, { ...intruder, sessionId: session });
    expect(await actorForSession(db, session, client)).not.toBeNull();
  });
});

describe("email sign-in links", () => {
  it("work once, even when opened twice at the same moment", async () => {
    const adapter = carrierAdapter(db);
    const token = randomBytes(32).toString("hex");
    const expires = new Date(Date.now() + 15 * 60_000);
    await adapter.createVerificationToken!({ identifier: "once@example.org", token, expires });
    const uses = await Promise.all([adapter.useVerificationToken!({ identifier: "once@example.org", token }), adapter.useVerificationToken!({ identifier: "once@example.org", token })]);
    expect(uses.filter(Boolean)).toEqual([{ identifier: "once@example.org", token, expires }]);
  });

  it("never create accounts", async () => {
    await expect(carrierAdapter(db).createUser!({ id: "x", email: "new@example.org", emailVerified: null })).rejects.toThrow(/does not create accounts/);
  });
});
