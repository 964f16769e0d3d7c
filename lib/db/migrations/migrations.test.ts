import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabase } from "../../../scripts/test/databases";
import { PRISMA_DIR, applyMigrations, createMigration } from "./index";

const adminUrl = inject("adminDatabaseUrl");
const scratch: string[] = [];
let workDir: string;

async function emptyDatabase(): Promise<string> {
  const url = await createDatabase(adminUrl, "carrier_migrations");
  scratch.push(url);
  return url;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// Tables, columns, indexes and constraints: what a migration can change.
async function schemaSnapshot(url: string): Promise<string> {
  const parts = await Promise.all([
    query(url, "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2"),
    query(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"),
    query(url, "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1"),
  ]);
  return JSON.stringify(parts);
}

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(path.join(PRISMA_DIR, "migrations"), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

// A copy of prisma/ to change freely: tests never write into the repository's migrations.
async function prismaCopy(): Promise<{ schemaFile: string; migrationsDir: string }> {
  const folder = await mkdtemp(path.join(workDir, "prisma-"));
  await cp(PRISMA_DIR, folder, { recursive: true });
  return { schemaFile: path.join(folder, "schema.prisma"), migrationsDir: path.join(folder, "migrations") };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "carrier-migrations-"));
});

afterAll(async () => {
  await Promise.all(scratch.map((url) => dropDatabase(adminUrl, url)));
  await rm(workDir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("apply to an empty database, and a second apply changes nothing", async () => {
    const url = await emptyDatabase();
    expect(await applyMigrations(url)).toEqual(await migrationNames());
    const before = await schemaSnapshot(url);
    expect(before).toContain('"table_name":"Study"');

    expect(await applyMigrations(url)).toEqual([]);
    expect(await schemaSnapshot(url)).toBe(before);
  });

  it("are recorded in _prisma_migrations exactly as `prisma migrate deploy` records them", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      url,
      "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    const names = await migrationNames();
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(path.join(PRISMA_DIR, "migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const lockfile = await readFile(path.join(PRISMA_DIR, "migrations", "migration_lock.toml"), "utf8");
    expect(lockfile).toMatch(/^provider = "postgresql"$/m);
  });

  it("cover everything in schema.prisma (a schema change without its migration fails here)", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const copy = await prismaCopy();
    expect(await createMigration(url, "drift", copy)).toEqual({ name: null, file: null });
  });

  it("are made from a changed schema, in Prisma's layout, and then apply", async () => {
    const url = await emptyDatabase();
    await applyMigrations(url);
    const copy = await prismaCopy();
    const schema = await readFile(copy.schemaFile, "utf8");
    await writeFile(copy.schemaFile, `${schema}\nmodel ReleaseNote {\n  id   Int    @id @default(autoincrement())\n  text String\n}\n`);

    const created = await createMigration(url, "add_release_note", copy);
    expect(created.name).toMatch(/^\d{14}_add_release_note$/);
    expect(await readFile(created.file!, "utf8")).toContain('CREATE TABLE "ReleaseNote"');

    expect(await applyMigrations(url, copy)).toEqual([created.name]);
    expect(await query(url, 'SELECT count(*)::int AS n FROM "ReleaseNote"')).toEqual([{ n: 0 }]);
  });

  it("stop at a migration that fails, say why, and apply nothing after it", async () => {
    const url = await emptyDatabase();
    const copy = await prismaCopy();
    const broken = path.join(copy.migrationsDir, "29990101000000_broken");
    const later = path.join(copy.migrationsDir, "29990102000000_later");
    await mkdir(broken);
    await writeFile(path.join(broken, "migration.sql"), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;');
    await mkdir(later);
    await writeFile(path.join(later, "migration.sql"), 'CREATE TABLE "AfterBroken" ("id" INT);');

    await expect(applyMigrations(url, copy)).rejects.toThrow(/NoSuchTable/);
    const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).toContain("Study");
    expect(tables.map((row) => row.table_name)).not.toContain("AfterBroken");
  });
});
