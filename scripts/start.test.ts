import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { embeddedPaths, freePort, readEmbeddedCredentials } from "../lib/db/embedded";
import { PROJECT_ROOT } from "../lib/project-root";
import { S3BlobStore } from "../lib/storage/s3-store";
import { createDatabase, dropDatabase } from "./test/databases";

// `npm start` as a user runs it: the real script, the embedded PostgreSQL, the built app.

type Started = { child: ChildProcess; output: string[]; exited: Promise<number | null> };

function start(env: Record<string, string | undefined>): Started {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  const child = spawn(process.execPath, ["scripts/launch.mjs", "scripts/start.ts"], { cwd: PROJECT_ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => output.push(line));
  createInterface({ input: child.stderr }).on("line", (line) => output.push(`stderr: ${line}`));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, exited };
}

function waitForReady(started: Started): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (line: string) => {
      if (line.includes("Carrier is ready at")) resolve();
    };
    started.output.forEach(check);
    createInterface({ input: started.child.stdout! }).on("line", check);
    void started.exited.then((code) => reject(new Error(`start exited with ${code}:\n${started.output.join("\n")}`)));
  });
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill("SIGTERM");
  return started.exited;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "carrier-start-"));
  // As root, the embedded PostgreSQL runs as the "postgres" user, which must reach its folder.
  await chmod(workDir, 0o755);
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe("npm start with the embedded database", () => {
  it("boots, answers /api/health, and keeps its data across a restart", { timeout: 300_000 }, async () => {
    const dataDir = path.join(workDir, "data");
    const port = await freePort();
    const env = { DATABASE_URL: undefined, CARRIER_DATA_DIR: dataDir, STORAGE_DIR: undefined, PORT: String(port), SEED_DEMO: "true" };

    const first = start(env);
    await waitForReady(first);
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { status: "ok" }, storage: { status: "ok" } });
    expect(first.output.join("\n")).toContain("Added the demo data");

    const databasePort = Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(first.output.join("\n"))?.[1]);
    const { user, password } = await readEmbeddedCredentials(dataDir);
    const firstUrl = `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${databasePort}/carrier`;
    await withClient(firstUrl, (client) => client.query(`INSERT INTO "Organization" (id, name, "updatedAt") VALUES (gen_random_uuid(), 'Kept across restarts', now())`));

    expect(await stop(first)).toBe(0);
    // PostgreSQL removes its pid file only when it has shut down cleanly.
    expect(existsSync(path.join(embeddedPaths(dataDir).cluster, "postmaster.pid"))).toBe(false);

    const second = start(env);
    await waitForReady(second);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    expect(second.output.join("\n")).not.toContain("Added the demo data");
    const secondPort = Number(/embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(second.output.join("\n"))?.[1]);
    const secondUrl = firstUrl.replace(`:${databasePort}/`, `:${secondPort}/`);
    const counts = await withClient(secondUrl, async (client) => ({
      kept: (await client.query(`SELECT 1 FROM "Organization" WHERE name = 'Kept across restarts'`)).rowCount,
      users: (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User"`)).rows[0]?.n,
    }));
    expect(counts).toEqual({ kept: 1, users: 4 });
    expect(await stop(second)).toBe(0);
  });
});

describe("npm start with images in S3-compatible storage", () => {
  it("checks the bucket for /api/health and puts the demo's images there", { timeout: 300_000 }, async () => {
    const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(workDir, "s3"), configureBuckets: [{ name: "carrier-demo" }] });
    const { port: s3Port } = await s3.run();
    const port = await freePort();
    // A database of its own: the demo goes only into an empty one.
    const databaseUrl = await createDatabase(inject("adminDatabaseUrl"));
    const started = start({
      DATABASE_URL: databaseUrl,
      CARRIER_DATA_DIR: path.join(workDir, "s3-data"),
      STORAGE_DIR: undefined,
      PORT: String(port),
      SEED_DEMO: "true",
      S3_BUCKET: "carrier-demo",
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
    });
    try {
      await waitForReady(started);
      expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toMatchObject({ status: "ok", storage: { status: "ok" } });
      const keys = await withClient(databaseUrl, async (client) => (await client.query<{ storageKey: string }>(`SELECT "storageKey" FROM "Instance"`)).rows.map((row) => row.storageKey));
      expect(keys.length).toBeGreaterThan(0);
      const store = new S3BlobStore({ bucket: "carrier-demo", region: "us-east-1", endpoint: `http://127.0.0.1:${s3Port}`, accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
      expect(await Promise.all(keys.map((key) => store.exists(key)))).toEqual(keys.map(() => true));
      store.close();
      // Nothing went to the local folder.
      expect(existsSync(path.join(workDir, "s3-data", "storage", "instances"))).toBe(false);
    } finally {
      await stop(started);
      await s3.close();
      await dropDatabase(inject("adminDatabaseUrl"), databaseUrl);
    }
  });
});

describe("npm start with bad configuration", () => {
  async function refusal(env: Record<string, string | undefined>): Promise<string> {
    const started = start({ CARRIER_DATA_DIR: path.join(workDir, "refused"), PORT: String(await freePort()), ...env });
    expect(await started.exited).toBe(1);
    const errors = started.output.filter((line) => line.startsWith("stderr: "));
    // One sentence, and no stack trace.
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toMatch(/\n\s+at /);
    return errors[0]!.replace("stderr: ", "");
  }

  it("a malformed DATABASE_URL is named", async () => {
    expect(await refusal({ DATABASE_URL: "postgres//nobody" })).toMatch(/^Carrier could not start: DATABASE_URL is not a valid PostgreSQL URL/);
  });

  it("an unreachable database is named, with the setting to change", async () => {
    const closedPort = await freePort();
    expect(await refusal({ DATABASE_URL: `postgresql://carrier:secret@127.0.0.1:${closedPort}/carrier` })).toMatch(/Cannot reach the database at 127\.0\.0\.1:\d+ .*DATABASE_URL/);
  });

  it("a port in use is named", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      expect(await refusal({ PORT: String(port) })).toBe(`Carrier could not start: Port ${port} is already in use; set PORT to a free port.`);
    } finally {
      blocker.close();
    }
  });

  it("a data folder that cannot be written is named", async () => {
    const file = path.join(workDir, "a-file");
    await writeFile(file, "");
    expect(await refusal({ CARRIER_DATA_DIR: path.join(file, "data") })).toMatch(/cannot write to the folder .*a-file\/data .*CARRIER_DATA_DIR/);
  });
});
