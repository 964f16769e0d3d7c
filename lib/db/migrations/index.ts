import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SchemaFilter } from "@prisma/schema-engine-wasm";
import { PROJECT_ROOT } from "../../project-root";
import { openSchemaEngine, type OpenEngine } from "./engine";
import { readMigrationList, writeMigration } from "./files";

export const PRISMA_DIR = path.join(PROJECT_ROOT, "prisma");
const SCHEMA_FILE = path.join(PRISMA_DIR, "schema.prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export type MigrationPaths = { schemaFile?: string; migrationsDir?: string };

async function withEngine<T>(databaseUrl: string, schemaFile: string, work: (open: OpenEngine) => Promise<T>): Promise<T> {
  const content = await readFile(schemaFile, "utf8");
  const open = await openSchemaEngine(databaseUrl, { path: schemaFile, content });
  try {
    return await work(open);
  } catch (error) {
    throw open.explain(error);
  } finally {
    await open.close();
  }
}

/** Applies every migration not yet in _prisma_migrations, like `prisma migrate deploy`. */
export async function applyMigrations(databaseUrl: string, paths: MigrationPaths = {}): Promise<string[]> {
  const migrationsDir = paths.migrationsDir ?? MIGRATIONS_DIR;
  return withEngine(databaseUrl, paths.schemaFile ?? SCHEMA_FILE, async ({ engine }) => {
    const migrationsList = await readMigrationList(migrationsDir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return appliedMigrationNames;
  });
}

export type NewMigration = { name: string; file: string } | { name: null; file: null };

/**
 * Writes a migration that takes the database from the current migrations to schema.prisma, like
 * `prisma migrate dev --create-only`. Returns nulls when the schema has no changes.
 */
export async function createMigration(databaseUrl: string, name: string, paths: MigrationPaths = {}): Promise<NewMigration> {
  const migrationsDir = paths.migrationsDir ?? MIGRATIONS_DIR;
  const schemaFile = paths.schemaFile ?? SCHEMA_FILE;
  const content = await readFile(schemaFile, "utf8");
  return withEngine(databaseUrl, schemaFile, async ({ engine }) => {
    const migrationsList = await readMigrationList(migrationsDir);
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`The database does not match the migrations folder (${diagnostic.action.reason}). Apply the migrations first, or use a fresh database.`);
    }
    const created = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [{ path: schemaFile, content }] },
      filters: NO_FILTER,
    });
    if (!created.migrationScript) return { name: null, file: null };
    const file = await writeMigration(migrationsDir, created.generatedMigrationName, created.migrationScript);
    return { name: created.generatedMigrationName, file };
  });
}
