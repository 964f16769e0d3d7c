import type { ApiKeyActor, ClientInfo } from "../auth/actor";
import type { Database } from "../db/prisma";
import { presentedApiKey } from "./authorization-header";
import { scopesFromStored } from "./scopes";
import { apiKeyMatches, apiKeyPrefix } from "./secret";

// Who is calling DICOMweb with an API key. Unknown, malformed, tampered, revoked and expired keys
// all give null, so a caller learns nothing about which it was; the route answers each with the
// same 401. (The prefix that finds the row is not secret: it is shown in lists and logs.)
// Not marked server-only: the end-to-end tests call it against their database from Node.

/** lastUsedAt is a fact for the key list, not a log: one write a minute per key is plenty. */
const TOUCH_EVERY_MS = 60_000;

export async function actorFromAuthorization(db: Database, authorization: string | null | undefined, client: ClientInfo, now = new Date()): Promise<ApiKeyActor | null> {
  const key = presentedApiKey(authorization);
  const prefix = key === null ? null : apiKeyPrefix(key);
  if (key === null || prefix === null) return null;
  const apiKey = await db.apiKey.findFirst({
    where: { prefix, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, name: true, secretHash: true, scopes: true, lastUsedAt: true, organization: { select: { id: true, name: true } } },
  });
  if (!apiKey || !apiKeyMatches(key, apiKey.secretHash)) return null;
  if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional, so a burst of requests that all saw the old time still writes once.
    const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
    await db.apiKey.updateMany({ where: { id: apiKey.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } });
  }
  return {
    kind: "api-key",
    apiKeyId: apiKey.id,
    organizationId: apiKey.organization.id,
    scopes: scopesFromStored(apiKey.scopes),
    displayName: `${apiKey.name} (${apiKey.organization.name})`,
    client,
  };
}
