import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { authorizePatient } from "../patients/load";
import { actorFromAuthorization } from "./authenticate";
import { revokeApiKey } from "./revoke";
import { adminWithOrganization, basic, issueTestKey } from "./test-support";

// A system presents its key as a bearer token or as basic credentials and acts for its
// organization; every other key (revoked, expired, altered, cut short, unknown) gets null alike.

const db = createPrismaClient(inject("databaseUrl"));
afterAll(() => db.$disconnect());

const client = { address: "10.0.0.8", userAgent: "Orthanc/1.12" };
let admin: UserActor;
let organization: { id: string; name: string };

beforeAll(async () => {
  ({ admin, organization } = await adminWithOrganization(db));
});

async function patientAt(organizationId: string) {
  return db.patient.create({
    data: { givenName: "Robin", familyName: "Keyes", birthDate: new Date("1950-06-01"), identifiers: { create: { organizationId, system: "MRN", value: `MRN-${crypto.randomUUID()}` } } },
  });
}

describe("authenticating with an API key", () => {
  it("accepts the key as a bearer token and as a basic password, until it is revoked", async () => {
    const issued = await issueTestKey(db, admin, organization.id, { name: "Riverside PACS", scopes: ["read", "write"] });
    const expected = { kind: "api-key", apiKeyId: issued.id, organizationId: organization.id, scopes: ["read", "write"], displayName: `Riverside PACS (${organization.name})`, client };

    expect(await actorFromAuthorization(db, `Bearer ${issued.key}`, client)).toEqual(expected);
    expect(await actorFromAuthorization(db, `bearer   ${issued.key}`, client)).toEqual(expected);
    // Any username: Orthanc's DicomWeb.Servers sends whatever Username it was given.
    for (const username of [issued.prefix, "orthanc", ""]) {
      expect(await actorFromAuthorization(db, basic(username, issued.key), client)).toEqual(expected);
    }

    await revokeApiKey(db, admin, issued.id);
    expect(await actorFromAuthorization(db, `Bearer ${issued.key}`, client)).toBeNull();
    expect(await actorFromAuthorization(db, basic(issued.prefix, issued.key), client)).toBeNull();
  });

  it("refuses a key once it has expired", async () => {
    const thirtyOneDaysAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    const expired = await issueTestKey(db, admin, organization.id, { expiry: "30" }, thirtyOneDaysAgo);
    expect(await actorFromAuthorization(db, `Bearer ${expired.key}`, client)).toBeNull();
    const current = await issueTestKey(db, admin, organization.id, { expiry: "30" });
    expect(await actorFromAuthorization(db, `Bearer ${current.key}`, client)).not.toBeNull();
    const thirtyOneDaysOn = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect(await actorFromAuthorization(db, `Bearer ${current.key}`, client, thirtyOneDaysOn)).toBeNull();
  });

  it("refuses altered, truncated, borrowed-prefix and malformed keys alike", async () => {
    const [issued, other] = await Promise.all([issueTestKey(db, admin, organization.id), issueTestKey(db, admin, organization.id)]);
    const secret = issued.key.slice(issued.prefix.length + 1);
    const lastChar = issued.key.at(-1) === "0" ? "1" : "0";
    const refused = [
      `Bearer ${issued.key.slice(0, -1)}${lastChar}`,
      `Bearer ${issued.key.slice(0, -1)}`,
      `Bearer ${issued.key}0`,
      `Bearer ${issued.key.toUpperCase()}`,
      `Bearer ${other.prefix}_${secret}`,
      `Bearer ${issued.prefix}`,
      `Bearer ${secret}`,
      `Bearer carrier_00000000_${"0".repeat(64)}`,
      `Token ${issued.key}`,
      `Bearer`,
      `Bearer ${issued.key} ${issued.key}`,
      `${issued.key}`,
      `Basic ${Buffer.from(issued.key).toString("base64")}`,
      basic(issued.key, ""),
      `Basic not*base64`,
      // Longer than any header a key needs: refused before any work.
      basic("u".repeat(600), issued.key),
      "",
      null,
      undefined,
    ];
    for (const header of refused) expect(await actorFromAuthorization(db, header, client), String(header)).toBeNull();
    // The untouched key still works: the refusals above were about the keys, not a broken lookup.
    expect(await actorFromAuthorization(db, `Bearer ${issued.key}`, client)).not.toBeNull();
  });

  it("notes when a key was last used, at most once a minute", async () => {
    const issued = await issueTestKey(db, admin, organization.id);
    const lastUsed = async () => (await db.apiKey.findUniqueOrThrow({ where: { id: issued.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const start = new Date();
    await actorFromAuthorization(db, `Bearer ${issued.key}`, client, start);
    expect(await lastUsed()).toEqual(start);
    await actorFromAuthorization(db, `Bearer ${issued.key}`, client, new Date(start.getTime() + 30_000));
    await Promise.all(Array.from({ length: 5 }, () => actorFromAuthorization(db, `Bearer ${issued.key}`, client, new Date(start.getTime() + 59_000))));
    expect(await lastUsed()).toEqual(start);
    const aMinuteOn = new Date(start.getTime() + 60_000);
    await actorFromAuthorization(db, `Bearer ${issued.key}`, client, aMinuteOn);
    expect(await lastUsed()).toEqual(aMinuteOn);
  });

  it("gives an actor that reaches its organization's patients within its scopes, and no one else's", async () => {
    const elsewhere = await adminWithOrganization(db);
    const [ours, theirs] = await Promise.all([patientAt(organization.id), patientAt(elsewhere.organization.id)]);
    const reader = await actorFromAuthorization(db, `Bearer ${(await issueTestKey(db, admin, organization.id, { scopes: ["read"] })).key}`, client);
    const writer = await actorFromAuthorization(db, `Bearer ${(await issueTestKey(db, admin, organization.id, { scopes: ["write"] })).key}`, client);
    if (!reader || !writer) throw new Error("the keys did not authenticate");

    await expect(authorizePatient(db, reader, "study.view", ours.id)).resolves.toMatchObject({ patientId: ours.id });
    await expect(authorizePatient(db, reader, "study.upload", ours.id)).rejects.toThrow("not available to you");
    await expect(authorizePatient(db, reader, "study.view", theirs.id)).rejects.toThrow("not available to you");
    await expect(authorizePatient(db, writer, "study.upload", ours.id)).resolves.toMatchObject({ patientId: ours.id });
    await expect(authorizePatient(db, writer, "study.download", ours.id)).rejects.toThrow("not available to you");
    await expect(authorizePatient(db, writer, "study.upload", theirs.id)).rejects.toThrow("not available to you");
  });
});
