import type { Role, SignInMethod } from "../db/generated/enums.ts";
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

type SessionRow = {
  id: string;
  lastSeenAt: Date;
  userId: string;
  role: Role;
  name: string;
  email: string;
  organizationId: string | null;
  patientId: string | null;
  accessReasons: { patientId: string; reason: string }[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor behind a session id, or null when the session is over or the account deactivated.
 * Asked on every request a signed-in browser makes (a viewer's hundreds of frames included), so
 * it is one query, not one per table.
 */
export async function actorForSession(db: Database, sessionId: string, client: ClientInfo, now = new Date()): Promise<UserActor | null> {
  if (!UUID.test(sessionId)) return null;
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT session.id, session."lastSeenAt", account.id AS "userId", account.role::text AS role, account.name, account.email,
           account."organizationId"::text AS "organizationId", patient.id::text AS "patientId",
           (SELECT coalesce(json_agg(json_build_object('patientId', access."patientId", 'reason', access.reason) ORDER BY access."createdAt"), '[]'::json)
            FROM "PatientAccessReason" access WHERE access."sessionId" = session.id AND access."expiresAt" > ${now}) AS "accessReasons"
    FROM "Session" session
    JOIN "User" account ON account.id = session."userId"
    LEFT JOIN "Patient" patient ON patient."userId" = account.id
    WHERE session.id = ${sessionId}::uuid AND session."revokedAt" IS NULL AND session."expiresAt" > ${now} AND account."deactivatedAt" IS NULL`;
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    kind: "user",
    userId: session.userId,
    role: session.role,
    displayName: session.name,
    email: session.email,
    organizationId: session.organizationId,
    patientId: session.patientId,
    sessionId: session.id,
    client,
    ...(session.role === "ADMIN" && session.accessReasons.length > 0 ? { accessReasons: Object.fromEntries(session.accessReasons.map((access) => [access.patientId, access.reason])) } : {}),
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
