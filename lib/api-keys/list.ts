import "server-only";
import type { ApiKeyScope, UserActor } from "../auth/actor";
import type { Database } from "../db/prisma";
import { assertCanManageApiKeys } from "./access";
import { scopesFromStored } from "./scopes";

// What the API keys page shows: every key ever issued, newest first, and where each stands.

export type ApiKeyStatus = "active" | "expired" | "revoked";

export type ApiKeySummary = {
  id: string;
  name: string;
  organizationName: string;
  scopes: ApiKeyScope[];
  prefix: string;
  createdAt: Date;
  createdByName: string;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  status: ApiKeyStatus;
};

export type OrganizationChoice = { id: string; name: string };

function statusOf(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

export async function listApiKeys(db: Database, actor: UserActor, now = new Date()): Promise<ApiKeySummary[]> {
  assertCanManageApiKeys(actor);
  const keys = await db.apiKey.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      scopes: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
      createdBy: { select: { name: true } },
      revokedBy: { select: { name: true } },
    },
  });
  return keys.map((key) => ({
    id: key.id,
    name: key.name,
    organizationName: key.organization.name,
    scopes: scopesFromStored(key.scopes),
    prefix: key.prefix,
    createdAt: key.createdAt,
    createdByName: key.createdBy.name,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    revokedByName: key.revokedBy?.name ?? null,
    status: statusOf(key, now),
  }));
}

/** The organizations a key can be issued for. */
export async function apiKeyOrganizations(db: Database, actor: UserActor): Promise<OrganizationChoice[]> {
  assertCanManageApiKeys(actor);
  return db.organization.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
