import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";

// Real PostgreSQL for tests: the server in TEST_DATABASE_URL when set (CI points it at the machine's
// PostgreSQL), otherwise an embedded one in a temporary folder. Each run, and each test that needs an
// empty database, gets a database of its own.

export type TestDatabaseServer = { adminUrl: string; stop: () => Promise<void> };

export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured) return { adminUrl: configured, stop: async () => {} };
  const folder = await mkdtemp(path.join(os.tmpdir(), "carrier-test-pg-"));
  // As root, PostgreSQL runs as the "postgres" user, which must be able to reach its folder.
  await chmod(folder, 0o755);
  const server = await startEmbeddedPostgres(folder);
  return {
    adminUrl: withDatabase(server.url, "postgres"),
    stop: async () => {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = "carrier_test"): Promise<string> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await asAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  return withDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  await asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
}
