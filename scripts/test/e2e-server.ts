import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { ConfigError, parseEnv } from "../../lib/env";
import { startCarrier } from "../boot/carrier";
import { createDatabase, dropDatabase, startTestDatabaseServer } from "./databases";
import { e2ePaths, type E2EState } from "./e2e-paths";
import { startMailCatcher } from "./mail-catcher";

// The app as Playwright sees it: the real start-up path (migrations, demo seed, Next.js) on a fresh
// database and data folder, sending its email to a real SMTP server whose messages the specs read.
// Everything is removed again when Playwright stops the server.

const paths = e2ePaths();
await mkdir(paths.root, { recursive: true });
// As root, the embedded PostgreSQL runs as the "postgres" user, which must reach its folder.
await chmod(paths.root, 0o755);
const server = await startTestDatabaseServer();
const databaseUrl = await createDatabase(server.adminUrl, "carrier_e2e");
const mail = await startMailCatcher(paths.mailDir);
const port = process.env.E2E_PORT ?? "3210";
// "localhost", not 127.0.0.1: Next.js rewrites loopback addresses to localhost in request URLs.
const baseUrl = `http://localhost:${port}`;

const cleanUp = async () => {
  await mail.close();
  await dropDatabase(server.adminUrl, databaseUrl).catch(() => {});
  await server.stop();
  await rm(paths.root, { recursive: true, force: true });
};

try {
  const settings = parseEnv({ ...process.env, DATABASE_URL: databaseUrl, CARRIER_DATA_DIR: paths.dataDir, PORT: port, PUBLIC_URL: baseUrl, SMTP_URL: mail.url });
  const carrier = await startCarrier(settings, { dev: false, log: (line) => console.log(`[e2e] ${line}`) });
  await writeFile(paths.stateFile, JSON.stringify({ databaseUrl, baseUrl } satisfies E2EState));
  console.log(`[e2e] ready at ${carrier.url}`);
  const stop = () => void carrier.stop().then(cleanUp).finally(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  await cleanUp();
  process.exit(1);
}
