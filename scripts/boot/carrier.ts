import path from "node:path";
import type createNextApp from "next";
import { ConfigError, type Env } from "../../lib/env";
import { ensureAuthSecret } from "./auth-secret";
import { buildIfNeeded } from "./build";
import { ensureWritableFolder } from "./data-dir";
import { directRoutes } from "./direct-routes";
import { openDatabase, type DatabaseHandle } from "./database";
import { listen } from "./http-server";
import { PROJECT_ROOT } from "../../lib/project-root";
import { runScript } from "./run-script";
import { staticFiles } from "./static-files";
import { createPrismaClient } from "../../lib/db/prisma";
import { recoverUploads } from "../../lib/ingest/recover";
import { createBlobStore } from "../../lib/storage";

// Start-up in one fixed order, each step failing with a sentence that names the setting to change:
// folders, port, database, migrations, demo data, interrupted uploads, build, then the Next.js app.

/** Before the first request: ingest uploads a crash cut short, drop abandoned ones. */
async function finishInterruptedUploads(databaseUrl: string, settings: Env, log: (line: string) => void): Promise<void> {
  const db = createPrismaClient(databaseUrl);
  try {
    const report = await recoverUploads(db, createBlobStore(settings), settings.dataDir);
    if (report.ingested > 0) log(`Finished ${report.ingested} upload(s) interrupted by the last stop.`);
    if (report.expired > 0 || report.closedBatches > 0) log(`Removed ${report.expired} upload(s) and closed ${report.closedBatches} upload batch(es) abandoned for a week.`);
  } finally {
    await db.$disconnect();
  }
}

async function prepareDatabase(options: { databaseUrl: string; storageDir: string; seedDemo: boolean; dataDir: string }, log: (line: string) => void): Promise<void> {
  const env = {
    DATABASE_URL: options.databaseUrl,
    STORAGE_DIR: options.storageDir,
    SEED_DEMO: String(options.seedDemo),
    DEMO_CREDENTIALS_FILE: path.join(options.dataDir, "demo-credentials.txt"),
  };
  const result = await runScript("scripts/prepare-database.ts", env, log);
  if (result.code !== 0) throw new ConfigError(result.lastError ?? "The database could not be brought up to date.");
}

// The app in this process reads its settings from the environment (lib/env, Auth.js): give it the
// ones start-up resolved, so it runs with exactly what was checked here.
function exportSettings(settings: Env, resolved: { databaseUrl: string; authSecret: string }): void {
  Object.assign(process.env, {
    DATABASE_URL: resolved.databaseUrl,
    AUTH_SECRET: resolved.authSecret,
    AUTH_URL: `${settings.publicUrl}/api/auth`,
    CARRIER_DATA_DIR: settings.dataDir,
    STORAGE_DIR: settings.storageDir,
    PUBLIC_URL: settings.publicUrl,
    EMAIL_FROM: settings.emailFrom,
    PORT: String(settings.port),
    HOST: settings.host,
  });
  if (settings.smtpUrl) process.env.SMTP_URL = settings.smtpUrl;
  else delete process.env.SMTP_URL;
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
    exportSettings(settings, { databaseUrl: database.url, authSecret: await ensureAuthSecret(settings.dataDir, settings.authSecret) });

    await prepareDatabase({ databaseUrl: database.url, storageDir: settings.storageDir, seedDemo: settings.seedDemo, dataDir: settings.dataDir }, log);

    await finishInterruptedUploads(database.url, settings, log);

    if (!options.dev) await buildIfNeeded(PROJECT_ROOT, log);
    // Loaded only now: Next reads NODE_ENV when it loads, which the caller sets first.
    const { default: next } = await import("next");
    app = next({ dev: options.dev, dir: PROJECT_ROOT, hostname: settings.host, port: http.port, httpServer: http.server });
    await app.prepare();
    const handle = app.getRequestHandler();
    const direct = directRoutes(settings.publicUrl, log);
    // next dev rewrites its static files as sources change: only a build's are read once and kept.
    const assets = options.dev ? () => null : await staticFiles(path.join(PROJECT_ROOT, ".next/static"));
    http.serve((request, response) => assets(request, response) ?? direct(request, response) ?? handle(request, response));
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
