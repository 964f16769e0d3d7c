import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "../../scripts/test/databases";
import { systemActor, type ShareRecipientActor, type UserActor } from "../auth/actor";
import { applyMigrations } from "../db/migrations";
import { createPrismaClient, type Database } from "../db/prisma";
import { GENESIS_HASH } from "./chain";
import { recordAudit, recordAuditEvent } from "./record";
import { CONTENTS_CHANGED, describeAuditChainReport, PREVIOUS_MISSING, verifyAuditChain } from "./verify";

// Each suite gets a private database: the chain spans the whole table, and the tampering tests
// break it on purpose, so none of this may touch the database other test files share.

const adminUrl = inject("adminDatabaseUrl");

type AuditDatabase = { url: string; prisma: Database; user: UserActor; patientId: string };

async function openAuditDatabase(): Promise<AuditDatabase> {
  const url = await createDatabase(adminUrl, "carrier_audit");
  await applyMigrations(url);
  const prisma = createPrismaClient(url);
  const account = await prisma.user.create({ data: { email: `sam.${Date.now()}@example.org`, name: "Sam Rivera", role: "FRONT_DESK" } });
  const patient = await prisma.patient.create({ data: { givenName: "Ada", familyName: "Okafor", birthDate: new Date("1971-05-04") } });
  const user: UserActor = {
    kind: "user",
    userId: account.id,
    role: "FRONT_DESK",
    displayName: "Sam Rivera",
    email: account.email,
    organizationId: null,
    patientId: null,
    sessionId: null,
    client: { address: "203.0.113.7", userAgent: "Firefox/140" },
  };
  return { url, prisma, user, patientId: patient.id };
}

async function closeAuditDatabase(database: AuditDatabase | undefined): Promise<void> {
  if (!database) return;
  await database.prisma.$disconnect();
  await dropDatabase(adminUrl, database.url);
}

/** Tampers as the superuser the tests connect as: replica mode skips the append-only trigger for this session only. */
async function tamper(url: string, sql: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function recordFive({ prisma, user, patientId }: AuditDatabase) {
  for (const action of ["auth.sign-in", "patient.view", "study.list", "study.view", "auth.sign-out"] as const) {
    await recordAudit(prisma, { actor: user, action, patientId: action.startsWith("auth.") ? null : patientId, channel: "web" });
  }
  return prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
}

describe("recording audit events", () => {
  let database: AuditDatabase;
  beforeAll(async () => {
    database = await openAuditDatabase();
  });
  afterAll(() => closeAuditDatabase(database));

  it("chains each event to the one before, from the genesis hash, and verifies intact", async () => {
    const { prisma, user, patientId } = database;
    expect(await verifyAuditChain(prisma)).toEqual({ checked: 0, lastHash: GENESIS_HASH });

    const studyId = "0b8e3f00-0000-4000-8000-0000000000aa";
    const recipient: ShareRecipientActor = {
      kind: "share-recipient",
      shareLinkId: "link-1",
      patientId,
      studyIds: [studyId],
      allowDownload: false,
      displayName: "Dr. Lena Park",
      client: { address: "198.51.100.4" },
    };
    await recordAudit(prisma, { actor: user, action: "auth.sign-in", channel: "web" });
    await prisma.$transaction(async (tx) => {
      await tx.patient.update({ where: { id: patientId }, data: { email: "ada@example.org" } });
      await recordAuditEvent(tx, { actor: user, action: "patient.view", patientId, detail: { fields: ["email"], note: "phoned in" } });
    });
    await recordAudit(prisma, {
      actor: systemActor("queue: deliver transfer"),
      action: "transfer.deliver",
      patientId,
      studyIds: [studyId.toUpperCase()],
      recipientDisplay: "St. Mary's Radiology",
      channel: "dicomweb",
      purposeOfUse: "SECOND_OPINION",
      entityType: "Transfer",
      entityId: "t-1",
      detail: { instances: 120, bytes: 62914560, nested: { z: 1, a: [1, "two", null, false] } },
    });
    await recordAudit(prisma, { actor: recipient, action: "share.open", patientId, studyIds: [studyId], channel: "share-link" });

    const rows = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => row.action)).toEqual(["auth.sign-in", "patient.view", "transfer.deliver", "share.open"]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    rows.slice(1).forEach((row, index) => expect(row.prevHash).toBe(rows[index]?.hash));
    expect(rows[1]).toMatchObject({ actorDisplay: "Sam Rivera (front desk)", clientAddress: "203.0.113.7", userAgent: "Firefox/140" });
    expect(rows[2]).toMatchObject({ actorKind: "SYSTEM", studyIds: [studyId], detail: expect.objectContaining({ reason: "queue: deliver transfer" }) as unknown });
    expect(rows[3]).toMatchObject({ actorKind: "SHARE_RECIPIENT", actorUserId: null, detail: { shareLinkId: "link-1" } });

    for (const batchSize of [1, 3, 1000]) {
      const report = await verifyAuditChain(prisma, { batchSize });
      expect(report).toEqual({ checked: 4, lastHash: rows[3]?.hash });
    }
    expect(describeAuditChainReport(await verifyAuditChain(prisma))).toBe("Audit trail intact: 4 events checked.");
  });

  it("writes no event when the transaction it belongs to fails", async () => {
    const { prisma, user, patientId } = database;
    const before = await prisma.auditEvent.count();
    const failed = prisma.$transaction(async (tx) => {
      await recordAuditEvent(tx, { actor: user, action: "study.download", patientId });
      throw new Error("the download could not start");
    });
    await expect(failed).rejects.toThrow("the download could not start");
    expect(await prisma.auditEvent.count()).toBe(before);
    expect((await verifyAuditChain(prisma)).firstBroken).toBeUndefined();
  });

  it("refuses a transaction whose snapshot could hide the latest event", async () => {
    const { prisma, user } = database;
    const serializable = prisma.$transaction((tx) => recordAuditEvent(tx, { actor: user, action: "study.list" }), { isolationLevel: "Serializable" });
    await expect(serializable).rejects.toThrow(/READ COMMITTED transaction, not serializable/);
  });

  it("keeps one unbroken chain when 25 events are recorded at once", async () => {
    const { prisma, user, patientId } = database;
    const before = await prisma.auditEvent.count();
    await Promise.all(Array.from({ length: 25 }, (_, index) => recordAudit(prisma, { actor: user, action: "study.view", patientId, detail: { index } })));

    const recorded = await prisma.auditEvent.findMany({ orderBy: { id: "asc" }, skip: before });
    expect(recorded).toHaveLength(25);
    expect(new Set(recorded.map((row) => row.prevHash)).size).toBe(25);
    const report = await verifyAuditChain(prisma, { batchSize: 7 });
    expect(report.firstBroken).toBeUndefined();
    expect(report.checked).toBe(before + 25);
  });

  it("is refused by the database when the app tries to change or remove an event", async () => {
    const { prisma } = database;
    const event = await prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" } });
    await expect(prisma.auditEvent.update({ where: { id: event.id }, data: { action: "study.download" } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });
});

describe("verifying a tampered audit trail", () => {
  let database: AuditDatabase;
  beforeAll(async () => {
    database = await openAuditDatabase();
  });
  afterAll(() => closeAuditDatabase(database));

  it("reports an event whose contents were changed, at that event", async () => {
    const { url, prisma } = database;
    const rows = await recordFive(database);
    const changed = rows[2]!;
    await tamper(url, `UPDATE "AuditEvent" SET action = 'study.download' WHERE id = $1`, [changed.id]);

    const report = await verifyAuditChain(prisma, { batchSize: 2 });
    expect(report.firstBroken).toEqual({ id: changed.id, occurredAt: changed.occurredAt, reason: CONTENTS_CHANGED });
    expect(report.checked).toBe(3);
    expect(describeAuditChainReport(report)).toBe(
      `Audit trail broken at event #${changed.id} (${changed.occurredAt.toISOString()}): its contents were changed after it was written.`,
    );
  });
});

describe("verifying an audit trail with an event removed", () => {
  let database: AuditDatabase;
  beforeAll(async () => {
    database = await openAuditDatabase();
  });
  afterAll(() => closeAuditDatabase(database));

  it("reports the event after the removed one", async () => {
    const { url, prisma } = database;
    const rows = await recordFive(database);
    await tamper(url, `DELETE FROM "AuditEvent" WHERE id = $1`, [rows[2]!.id]);

    const report = await verifyAuditChain(prisma);
    expect(report.firstBroken).toEqual({ id: rows[3]!.id, occurredAt: rows[3]!.occurredAt, reason: PREVIOUS_MISSING });
  });
});
