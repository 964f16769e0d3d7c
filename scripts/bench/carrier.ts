import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { encode } from "next-auth/jwt";
import type { UserActor } from "../../lib/auth/actor";
import { createSession } from "../../lib/auth/sessions";
import { EMBEDDED_DATABASE, freePort, readEmbeddedCredentials } from "../../lib/db/embedded";
import { createPrismaClient } from "../../lib/db/prisma";
import { PROJECT_ROOT } from "../../lib/project-root";
import { DEMO } from "../../prisma/seed";
import { waitForHttp } from "./processes";

// A Carrier started as `npm start` does (its own embedded PostgreSQL, a fresh data folder), with a
// database client on the side and the demo patient signed in, for the benchmarks.

export type BenchCarrier = Awaited<ReturnType<typeof startBenchCarrier>>;

export async function startBenchCarrier(dataDir: string) {
  const [port, databasePort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["scripts/launch.mjs", "scripts/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: "", SMTP_URL: "", CARRIER_DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  createInterface({ input: child.stdout }).on("line", () => {});
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, child, "Carrier");
    const credentials = await readEmbeddedCredentials(dataDir);
    const databaseUrl = new URL(`postgresql://127.0.0.1:${databasePort}/${EMBEDDED_DATABASE}`);
    databaseUrl.username = credentials.user;
    databaseUrl.password = credentials.password;
    const authSecret = (await readFile(path.join(dataDir, "auth-secret"), "utf8")).trim();
    return { url: `http://localhost:${port}`, pid: child.pid!, db: createPrismaClient(databaseUrl.toString()), authSecret, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs the demo patient in the way Auth.js does: a Session row, named by a signed cookie. */
export async function signInDemoPatient(carrier: BenchCarrier) {
  const user = await carrier.db.user.findUniqueOrThrow({ where: { email: DEMO.patientEmail }, include: { patient: true } });
  const sessionId = await createSession(carrier.db, { userId: user.id, method: "EMAIL_LINK", client: {} });
  const cookieName = "authjs.session-token";
  const token = await encode({ token: { sub: user.id, sid: sessionId }, secret: carrier.authSecret, salt: cookieName });
  const actor: UserActor & { patientId: string } = { kind: "user", userId: user.id, role: "PATIENT", displayName: user.name, email: user.email, organizationId: null, patientId: user.patient!.id, sessionId, client: {} };
  return { actor, cookieName, token, cookie: `${cookieName}=${token}` };
}
