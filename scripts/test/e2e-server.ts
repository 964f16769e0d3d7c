import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ConfigError, parseEnv } from "../../lib/env";
import { startCarrier } from "../boot/carrier";
import { createDatabase, dropDatabase, startTestDatabaseServer } from "./databases";

// The app as Playwright sees it: the real start-up path (migrations, demo seed, Next.js) on a fresh
// database and a fresh storage folder, removed again when Playwright stops the server.

const server = await startTestDatabaseServer();
const databaseUrl = await createDatabase(server.adminUrl, "carrier_e2e");
const dataDir = await mkdtemp(path.join(os.tmpdir(), "carrier-e2e-"));

const cleanUp = async () => {
  await dropDatabase(server.adminUrl, databaseUrl).catch(() => {});
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
};

try {
  const settings = parseEnv({ ...process.env, DATABASE_URL: databaseUrl, CARRIER_DATA_DIR: dataDir, PORT: process.env.E2E_PORT ?? "3210" });
  const carrier = await startCarrier(settings, { dev: false, log: (line) => console.log(`[e2e] ${line}`) });
  console.log(`[e2e] ready at ${carrier.url}`);
  const stop = () => void carrier.stop().then(cleanUp).finally(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  await cleanUp();
  process.exit(1);
}
