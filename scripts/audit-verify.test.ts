import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "../lib/auth/actor";
import { recordAudit } from "../lib/audit/record";
import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { PROJECT_ROOT } from "../lib/project-root";
import { createDatabase, dropDatabase } from "./test/databases";

// `npm run audit:verify` as an operator runs it, on a database of its own that is then tampered with.

const adminUrl = inject("adminDatabaseUrl");
let url: string;

beforeAll(async () => {
  url = await createDatabase(adminUrl, "carrier_audit_verify");
  await applyMigrations(url);
  const prisma = createPrismaClient(url);
  for (const reason of ["one", "two", "three"]) await recordAudit(prisma, { actor: systemActor(`check ${reason}`), action: "application.start" });
  await prisma.$disconnect();
});
afterAll(() => dropDatabase(adminUrl, url));

function verify(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/launch.mjs", "scripts/audit-verify.ts"], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: url } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("npm run audit:verify", () => {
  it("reports an intact trail, then the first event changed behind the app's back", async () => {
    const intact = await verify();
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.output).toContain("Audit trail intact: 3 events checked.");

    // Someone with the database superuser's rights turns the append-only trigger off and edits a row.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("SET session_replication_role = replica");
    const { rows } = await client.query<{ id: string }>(`UPDATE "AuditEvent" SET "actorDisplay" = 'Nobody' WHERE id = (SELECT min(id) + 1 FROM "AuditEvent") RETURNING id`);
    await client.end();

    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(new RegExp(`Audit trail broken at event #${rows[0]!.id} \\(.+\\): its contents were changed after it was written\\.`));
  });

  it("the app's own database role cannot change or remove audit events", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
