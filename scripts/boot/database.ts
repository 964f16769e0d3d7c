import pg from "pg";
import { ConfigError } from "../../lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "../../lib/db/embedded";

// Which database Carrier runs on: DATABASE_URL when set, the embedded PostgreSQL otherwise. Either
// way, prove it answers before going further, and say what is wrong in words a user can act on.

export type DatabaseHandle = { url: string; description: string; stop: () => Promise<void> };

const UNSET_HINT = "or unset DATABASE_URL to use the embedded database";

function describeTarget(url: URL): string {
  return `${url.hostname}:${url.port || "5432"}`;
}

export function explainConnectionError(error: unknown, databaseUrl: string): ConfigError {
  const url = new URL(databaseUrl);
  const target = describeTarget(url);
  const database = decodeURIComponent(url.pathname.slice(1));
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ECONNREFUSED":
      return new ConfigError(`Cannot reach the database at ${target} (connection refused); check that PostgreSQL runs there and that DATABASE_URL is right, ${UNSET_HINT}.`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new ConfigError(`The database host "${url.hostname}" in DATABASE_URL cannot be found; correct DATABASE_URL, ${UNSET_HINT}.`);
    case "28P01":
    case "28000":
      return new ConfigError(`The database at ${target} refused the user or password in DATABASE_URL; correct DATABASE_URL, ${UNSET_HINT}.`);
    case "3D000":
      return new ConfigError(`The database "${database}" does not exist on ${target}; create it, or correct DATABASE_URL.`);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new ConfigError(`Cannot use the database at ${target} (${message}); check DATABASE_URL, ${UNSET_HINT}.`);
    }
  }
}

export async function checkDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const timedOut = error instanceof Error && /timeout/i.test(error.message);
    if (timedOut) {
      throw new ConfigError(`The database at ${describeTarget(new URL(databaseUrl))} did not answer within 5 seconds; check DATABASE_URL, ${UNSET_HINT}.`);
    }
    throw explainConnectionError(error, databaseUrl);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string; embeddedPort?: number }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    await checkDatabase(options.databaseUrl);
    return { url: options.databaseUrl, description: `PostgreSQL at ${describeTarget(new URL(options.databaseUrl))}`, stop: async () => {} };
  }
  const server: EmbeddedPostgresServer = await startEmbeddedPostgres(options.dataDir, options.embeddedPort);
  return { url: server.url, description: `embedded PostgreSQL on 127.0.0.1:${server.port}`, stop: server.stop };
}
