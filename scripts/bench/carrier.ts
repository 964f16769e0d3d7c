import { execFile, spawn } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { encode } from "next-auth/jwt";
import type { UserActor } from "../../lib/auth/actor";
import { createSession } from "../../lib/auth/sessions";
import { EMBEDDED_DATABASE, freePort, readEmbeddedCredentials } from "../../lib/db/embedded";
import { createPrismaClient, type Database } from "../../lib/db/prisma";
import { PROJECT_ROOT } from "../../lib/project-root";
import { createPatientActor } from "../test/patient-account";
import { DEMO } from "../../prisma/seed";
import { waitForHttp } from "./processes";

// What the benchmarks share: the 500-instance synthetic CT, a Carrier started as `npm start` does
// (its own embedded PostgreSQL, a fresh data folder) with a database client on the side, and the
// demo patient signed in to it.

const PEERS = path.join(PROJECT_ROOT, "scripts/bench/peers");

/** 5 series of 100 slices, 512 × 512 × 16 bits (262 MB), made with dcmtk (peers/synth-ct.sh). */
export async function syntheticStudy(folder: string): Promise<string[]> {
  await promisify(execFile)(path.join(PEERS, "synth-ct.sh"), [folder, "5", "100"]);
  return (await readdir(folder)).filter((name) => name.endsWith(".dcm")).sort().map((name) => path.join(folder, name));
}

export type BenchCarrier = { url: string; pid: number; dataDir: string; db: Database; authSecret: string; stop: () => Promise<void> };

export async function startBenchCarrier(dataDir: string): Promise<BenchCarrier> {
  const [port, databasePort] = [await freePort(), await freePort()];
  // BENCH_CPU_PROFILE=FOLDER: Carrier writes a V8 CPU profile of the run there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, "scripts/launch.mjs", "scripts/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: "", SMTP_URL: "", CARRIER_DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(databasePort) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  createInterface({ input: child.stdout }).on("line", () => {});
  const stop = async () => {
    if (child.exitCode !== null) return;
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
    return { url: `http://localhost:${port}`, pid: child.pid!, dataDir, db: createPrismaClient(databaseUrl.toString()), authSecret, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs the demo patient in the way Auth.js does: a Session row, named by a signed cookie. */
export async function signInDemoPatient(carrier: BenchCarrier) {
  const user = await carrier.db.user.findUniqueOrThrow({ where: { email: DEMO.patientEmail }, include: { patient: true } });
  return signIn(carrier, { kind: "user", userId: user.id, role: "PATIENT", displayName: user.name, email: user.email, organizationId: null, patientId: user.patient!.id, sessionId: null, client: {} });
}

/** A new patient's account, signed in: one whose holdings start empty. */
export async function signInNewPatient(carrier: BenchCarrier) {
  return signIn(carrier, await createPatientActor(carrier.db));
}

async function signIn(carrier: BenchCarrier, patient: UserActor & { patientId: string }) {
  const sessionId = await createSession(carrier.db, { userId: patient.userId, method: "EMAIL_LINK", client: {} });
  const cookieName = "authjs.session-token";
  const token = await encode({ token: { sub: patient.userId, sid: sessionId }, secret: carrier.authSecret, salt: cookieName });
  return { actor: { ...patient, sessionId }, cookieName, token, cookie: `${cookieName}=${token}` };
}
