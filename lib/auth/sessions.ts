import type { SignInMethod } from "../db/generated/enums.ts";
import type { Database } from "../db/prisma";
import type { ClientInfo, UserActor } from "./actor";

// Signed-in browsers. A session cookie only names a row here; the row decides whether it still
// counts, so revoking rows signs browsers out at their next request.

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
const TOUCH_EVERY_MS = 5 * 60_000;

export async function createSession(db: Database, input: { userId: string; method: SignInMethod; client: ClientInfo }): Promise<string> {
  const session = await db.session.create({
    data: {
      userId: input.userId,
      method: input.method,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: input.client.userAgent?.slice(0, 512),
      ipAddress: input.client.address,
    },
  });
  return session.id;
}

/** The actor behind a session id, or null when the session is over or the account deactivated. */
export async function actorForSession(db: Database, sessionId: string, client: ClientInfo, now = new Date()): Promise<UserActor | null> {
  const session = await db.session.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now }, user: { deactivatedAt: null } },
    include: {
      user: { include: { patient: { select: { id: true } } } },
      accessReasons: { where: { expiresAt: { gt: now } }, select: { patientId: true, reason: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    kind: "user",
    userId: user.id,
    role: user.role,
    displayName: user.name,
    email: user.email,
    organizationId: user.organizationId,
    patientId: user.patient?.id ?? null,
    sessionId: session.id,
    client,
    ...(user.role === "ADMIN" && session.accessReasons.length > 0 ? { accessReasons: Object.fromEntries(session.accessReasons.map((access) => [access.patientId, access.reason])) } : {}),
  };
}

export async function endSession(db: Database, actor: UserActor): Promise<void> {
  if (!actor.sessionId) return;
  await db.session.updateMany({ where: { id: actor.sessionId, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Signs the actor out on every browser, this one included. Returns how many sessions ended. */
export async function endAllSessions(db: Database, actor: UserActor): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

export async function listSessions(db: Database, actor: UserActor, now = new Date()) {
  return db.session.findMany({
    where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, method: true, createdAt: true, lastSeenAt: true, userAgent: true, ipAddress: true },
  });
}
