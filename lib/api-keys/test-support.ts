import type { UserActor } from "../auth/actor";
import type { Database } from "../db/prisma";
import { createAccount, createOrganization } from "../staff/test-support";
import { issueApiKey } from "./issue";
import type { IssueApiKeyInput } from "./input";

// An organization with an administrator, and keys issued the way the admin page issues them.

export async function adminWithOrganization(db: Database) {
  const organization = await createOrganization(db);
  const { actor } = await createAccount(db, "ADMIN", organization.id);
  return { organization, admin: actor };
}

export function issueTestKey(db: Database, admin: UserActor, organizationId: string, input: Partial<IssueApiKeyInput> = {}, now?: Date) {
  return issueApiKey(db, admin, { name: "Riverside PACS", organizationId, scopes: ["read"], expiry: "never", ...input }, now);
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}
