import type createNextApp from "next";
import { ConfigError, type Env } from "../../lib/env";
import { buildIfNeeded } from "./build";
import { ensureWritableFolder } from "./data-dir";
import { openDatabase, type DatabaseHandle } from "./database";
import { listen } from "./http-server";
import { PROJECT_ROOT } from "../../lib/project-root";
import { runScript } from "./run-script";

// Start-up in one fixed order, each step failing with a sentence that names the setting to change:
// folders, port, database, migrations, demo data, build, then the Next.js app.

async function prepareDatabase(options: { databaseUrl: string; storageDir: string; seedDemo: boolean }, log: (line: string) => void): Promise<void> {
  const env = { DATABASE_URL: options.databaseUrl, STORAGE_DIR: options.storageDir, SEED_DEMO: String(options.seedDemo) };
  const result = await runScript("scripts/prepare-database.ts", env, log);
  if (result.code !== 0) throw new ConfigError(result.lastError ?? "The database could not be brought up to date.");
}

export type RunningCarrier = { url: string; databaseUrl: string; stop: () => Promise<void> };

export async function startCarrier(settings: Env, options: { dev: boolean; log: (line: string) => void }): Promise<RunningCarrier> {
  const { log } = options;
  await ensureWritableFolder(settings.dataDir, "CARRIER_DATA_DIR");
  await ensureWritableFolder(settings.storageDir, "STORAGE_DIR", 0o700);
  const http = await listen(settings.port, settings.host);
  let database: DatabaseHandle | undefined;
  let app: ReturnType<typeof createNextApp> | undefined;
  // In reverse order of start: no new requests, then the app, then its database.
  const stop = async () => {
    await http.close().catch(() => {});
    await app?.close().catch(() => {});
    await database?.stop().catch(() => {});
  };
  try {
    database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, embeddedPort: settings.embeddedPostgresPort });
    log(`Database: ${database.description}.`);
    // The app inside this process reads these (lib/db, lib/env).
    process.env.DATABASE_URL = database.url;
    process.env.STORAGE_DIR = settings.storageDir;

    await prepareDatabase({ databaseUrl: database.url, storageDir: settings.storageDir, seedDemo: settings.seedDemo }, log);

    if (!options.dev) await buildIfNeeded(PROJECT_ROOT, log);
    // Loaded only now: Next reads NODE_ENV when it loads, which the caller sets first.
    const { default: next } = await import("next");
    app = next({ dev: options.dev, dir: PROJECT_ROOT, hostname: settings.host, port: http.port, httpServer: http.server });
    await app.prepare();
    const handle = app.getRequestHandler();
    http.serve((request, response) => void handle(request, response));
    if (options.dev) {
      const upgrade = app.getUpgradeHandler();
      http.server.on("upgrade", (request, socket, head) => void upgrade(request, socket, head));
    }
    const shownHost = settings.host === "127.0.0.1" || settings.host === "0.0.0.0" ? "localhost" : settings.host;
    return { url: `http://${shownHost}:${http.port}`, databaseUrl: database.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
