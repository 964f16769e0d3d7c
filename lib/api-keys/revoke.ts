import "server-only";
import type { UserActor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import type { Database } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { isUuid } from "../patients/resource";
import { assertCanManageApiKeys } from "./access";

// Revoking is for good: the system's next request is refused. A key is not brought back; issue a
// new one instead, so that a key that leaked stays dead.

/** Which key, and whether this call revoked it (revoking a revoked key changes and records nothing). */
export type ApiKeyRevocation = { id: string; name: string; changed: boolean };

export async function revokeApiKey(db: Database, actor: UserActor, apiKeyId: string, now = new Date()): Promise<ApiKeyRevocation> {
  assertCanManageApiKeys(actor);
  if (!isUuid(apiKeyId)) throw new ForbiddenError();
  return db.$transaction(async (tx) => {
    const apiKey = await tx.apiKey.findUnique({ where: { id: apiKeyId }, select: { id: true, name: true, prefix: true, organizationId: true } });
    if (!apiKey) throw new ForbiddenError();
    // Conditional, so two administrators revoking at the same moment record one revocation.
    const { count } = await tx.apiKey.updateMany({ where: { id: apiKey.id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.userId } });
    if (count === 0) return { id: apiKey.id, name: apiKey.name, changed: false };
    await recordAuditEvent(tx, {
      actor,
      action: "api-key.revoke",
      entityType: "ApiKey",
      entityId: apiKey.id,
      channel: "web",
      detail: { name: apiKey.name, prefix: apiKey.prefix, organizationId: apiKey.organizationId },
    });
    return { id: apiKey.id, name: apiKey.name, changed: true };
  }, AUDITED_TRANSACTION);
}
