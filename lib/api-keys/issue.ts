import "server-only";
import type { ApiKeyScope, UserActor } from "../auth/actor";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import { Prisma } from "../db/generated/client.ts";
import type { Database } from "../db/prisma";
import { assertCanManageApiKeys } from "./access";
import { expiryFrom, InvalidApiKeyFieldsError, parseIssueApiKeyInput, type IssueApiKeyInput } from "./input";
import { scopesToStored } from "./scopes";
import { newApiKey } from "./secret";

// An administrator issues a key for one system of one organization. The key itself is returned
// here, once, for the page to show; the database keeps only its hash (lib/api-keys/secret.ts).

export type IssuedApiKey = {
  /** Shown to the administrator once, never stored. */
  key: string;
  id: string;
  name: string;
  prefix: string;
  organizationName: string;
  scopes: ApiKeyScope[];
  expiresAt: Date | null;
};

/** Two keys drawing the same 8-character prefix: rare (32 random bits), and a fresh key fixes it. */
const PREFIX_ATTEMPTS = 3;

function isPrefixTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function issueApiKey(db: Database, actor: UserActor, input: IssueApiKeyInput, now = new Date()): Promise<IssuedApiKey> {
  assertCanManageApiKeys(actor);
  const fields = parseIssueApiKeyInput(input);
  const expiresAt = expiryFrom(fields.expiry, now);
  for (let attempt = 1; ; attempt++) {
    const { key, prefix, secretHash } = newApiKey();
    try {
      return await db.$transaction(async (tx) => {
        const organization = await tx.organization.findUnique({ where: { id: fields.organizationId }, select: { name: true } });
        if (!organization) throw new InvalidApiKeyFieldsError({ organizationId: "That organization does not exist any more. Reload the page and choose again." });
        const apiKey = await tx.apiKey.create({
          data: { name: fields.name, organizationId: fields.organizationId, scopes: scopesToStored(fields.scopes), prefix, secretHash, expiresAt, createdById: actor.userId, createdAt: now },
          select: { id: true },
        });
        await recordAuditEvent(tx, {
          actor,
          action: "api-key.issue",
          entityType: "ApiKey",
          entityId: apiKey.id,
          channel: "web",
          detail: { name: fields.name, prefix, organizationId: fields.organizationId, scopes: fields.scopes, expiresAt: expiresAt?.toISOString() ?? null },
        });
        return { key, id: apiKey.id, name: fields.name, prefix, organizationName: organization.name, scopes: fields.scopes, expiresAt };
      }, AUDITED_TRANSACTION);
    } catch (error) {
      if (isPrefixTaken(error) && attempt < PREFIX_ATTEMPTS) continue;
      throw error;
    }
  }
}
