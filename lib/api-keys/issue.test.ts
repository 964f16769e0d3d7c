import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { recordAudit } from "../audit/record";
import { createPrismaClient } from "../db/prisma";
import { ForbiddenError } from "../errors";
import { auditEventsFor, createAccount } from "../staff/test-support";
import { actorFromAuthorization } from "./authenticate";
import { InvalidApiKeyFieldsError } from "./input";
import { issueApiKey } from "./issue";
import { apiKeyOrganizations, listApiKeys } from "./list";
import { revokeApiKey } from "./revoke";
import { hashApiKey } from "./secret";
import { adminWithOrganization, issueTestKey } from "./test-support";

// Administrators issue, list and revoke keys; each issue and revocation is in the audit trail;
// the key itself is kept nowhere; nobody else may do any of it.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

let admin: UserActor;
let organization: { id: string; name: string };

beforeAll(async () => {
  ({ admin, organization } = await adminWithOrganization(db));
});

describe("issuing a key", () => {
  it("returns the key once and keeps only its hash and prefix", async () => {
    const issued = await issueApiKey(db, admin, { name: "  Riverside PACS  ", organizationId: organization.id, scopes: ["read", "write", "read"], expiry: "90" });
    expect(issued).toMatchObject({ name: "Riverside PACS", organizationName: organization.name, scopes: ["read", "write"] });
    expect(issued.key).toMatch(/^carrier_[0-9a-f]{8}_[0-9a-f]{64}$/);
    expect(issued.key.startsWith(`${issued.prefix}_`)).toBe(true);
    expect(issued.expiresAt!.getTime() - Date.now()).toBeGreaterThan(89 * 24 * 60 * 60 * 1000);

    const row = await db.apiKey.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row).toMatchObject({ prefix: issued.prefix, secretHash: hashApiKey(issued.key), scopes: ["READ", "WRITE"], createdById: admin.userId, revokedAt: null });
    const secret = issued.key.slice(issued.prefix.length + 1);
    const stored = JSON.stringify(await db.$queryRaw`SELECT * FROM "ApiKey" WHERE id = ${issued.id}::uuid`);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(0, 16));
  });

  it("is recorded in the audit trail, without the key", async () => {
    const issued = await issueTestKey(db, admin, organization.id, { name: "Orthanc at Lakeside", scopes: ["write"] });
    const [event] = await auditEventsFor(db, "api-key.issue", issued.id);
    expect(event).toMatchObject({
      actorKind: "USER",
      actorUserId: admin.userId,
      entityType: "ApiKey",
      channel: "web",
      detail: { name: "Orthanc at Lakeside", prefix: issued.prefix, organizationId: organization.id, scopes: ["write"], expiresAt: null },
    });
    expect(JSON.stringify({ ...event, id: String(event?.id) })).not.toContain(issued.key.slice(issued.prefix.length + 1));
  });

  it("names each field at fault", async () => {
    const attempt = issueApiKey(db, admin, { name: " ", organizationId: "nope", scopes: ["delete"], expiry: "forever" });
    await expect(attempt).rejects.toThrow(InvalidApiKeyFieldsError);
    await attempt.catch((error: InvalidApiKeyFieldsError) => {
      expect(error.fieldErrors).toEqual({
        name: "Name the system that will use the key, like Riverside PACS.",
        organizationId: "Choose the organization whose patients the system may reach.",
        scopes: "Choose what the system may do: query and retrieve, store, or both.",
        expiry: "Choose when the key stops working.",
      });
    });
    await expect(issueTestKey(db, admin, organization.id, { scopes: [] })).rejects.toThrow("Choose what the system may do");
    await expect(issueTestKey(db, admin, crypto.randomUUID())).rejects.toThrow("That organization does not exist any more");
  });

  it("is for administrators only", async () => {
    const before = await db.apiKey.count();
    for (const role of ["FRONT_DESK", "PATIENT", "CLINICIAN"] as const) {
      const { actor } = await createAccount(db, role, role === "FRONT_DESK" ? organization.id : null);
      await expect(issueTestKey(db, actor, organization.id)).rejects.toThrow(ForbiddenError);
      await expect(listApiKeys(db, actor)).rejects.toThrow(ForbiddenError);
      await expect(apiKeyOrganizations(db, actor)).rejects.toThrow(ForbiddenError);
    }
    expect(await db.apiKey.count()).toBe(before);
  });
});

describe("revoking a key", () => {
  it("is recorded once, however often it is asked for", async () => {
    const issued = await issueTestKey(db, admin, organization.id);
    const [first, second] = await Promise.all([revokeApiKey(db, admin, issued.id), revokeApiKey(db, admin, issued.id)]);
    expect([first.changed, second.changed].sort()).toEqual([false, true]);
    expect(await revokeApiKey(db, admin, issued.id)).toEqual({ id: issued.id, name: "Riverside PACS", changed: false });
    const events = await auditEventsFor(db, "api-key.revoke", issued.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: admin.userId, entityType: "ApiKey", detail: { name: "Riverside PACS", prefix: issued.prefix, organizationId: organization.id } });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: issued.id } })).toMatchObject({ revokedById: admin.userId, revokedAt: expect.any(Date) as unknown });
  });

  it("is for administrators only, and unknown or malformed ids are refused like forbidden ones", async () => {
    const issued = await issueTestKey(db, admin, organization.id);
    const { actor: frontDesk } = await createAccount(db, "FRONT_DESK", organization.id);
    await expect(revokeApiKey(db, frontDesk, issued.id)).rejects.toThrow(ForbiddenError);
    for (const id of [crypto.randomUUID(), "not-a-uuid", ""]) await expect(revokeApiKey(db, admin, id)).rejects.toThrow(ForbiddenError);
    expect(await actorFromAuthorization(db, `Bearer ${issued.key}`, {})).not.toBeNull();
  });
});

describe("the list of keys", () => {
  it("shows each key's organization, scopes, prefix, who made it, when it was last used, and its status", async () => {
    const { admin: otherAdmin, organization: otherOrganization } = await adminWithOrganization(db);
    const active = await issueTestKey(db, otherAdmin, otherOrganization.id, { name: "Active PACS", scopes: ["read", "write"] });
    const expired = await issueTestKey(db, otherAdmin, otherOrganization.id, { name: "Old PACS", expiry: "30" }, new Date(Date.now() - 40 * 24 * 60 * 60 * 1000));
    const revoked = await issueTestKey(db, otherAdmin, otherOrganization.id, { name: "Gone PACS" });
    await revokeApiKey(db, admin, revoked.id);
    await actorFromAuthorization(db, `Bearer ${active.key}`, {});

    const keys = (await listApiKeys(db, admin)).filter((key) => key.organizationName === otherOrganization.name);
    expect(keys.map((key) => [key.name, key.status])).toEqual([
      ["Gone PACS", "revoked"],
      ["Active PACS", "active"],
      ["Old PACS", "expired"],
    ]);
    const [gone, current] = keys;
    expect(current).toMatchObject({ prefix: active.prefix, scopes: ["read", "write"], createdByName: otherAdmin.displayName, lastUsedAt: expect.any(Date) as unknown, revokedAt: null });
    expect(gone).toMatchObject({ revokedByName: admin.displayName, lastUsedAt: null });
    expect(keys.find((key) => key.id === expired.id)?.expiresAt).toEqual(expired.expiresAt);
    expect(JSON.stringify(keys)).not.toContain(active.key.slice(active.prefix.length + 1));
  });
});

describe("what a key does, in the audit trail", () => {
  it("is recorded as the key's system and organization", async () => {
    const issued = await issueTestKey(db, admin, organization.id, { name: "Lakeside Orthanc" });
    const actor = await actorFromAuthorization(db, `Bearer ${issued.key}`, { address: "10.0.0.9", userAgent: "Orthanc" });
    if (!actor) throw new Error("the key did not authenticate");
    const event = await recordAudit(db, { actor, action: "study.list", channel: "dicomweb" });
    expect(event).toMatchObject({
      actorKind: "API_KEY",
      actorUserId: null,
      actorDisplay: `Lakeside Orthanc (${organization.name})`,
      clientAddress: "10.0.0.9",
      userAgent: "Orthanc",
      detail: { apiKeyId: issued.id, organizationId: organization.id },
    });
  });
});
