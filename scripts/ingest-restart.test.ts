import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { crc32 } from "node:zlib";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeBundle } from "../components/upload/send/bundle";
import { createSession } from "../lib/auth/sessions";
import { freePort } from "../lib/db/embedded";
import { createPrismaClient } from "../lib/db/prisma";
import { syntheticCtSeries } from "../lib/dicom/synthetic-ct";
import { closeBatch, openBatch } from "../lib/ingest/batch";
import { PROJECT_ROOT } from "../lib/project-root";
import { createPatientActor } from "./test/patient-account";

// The server killed (SIGKILL, no goodbye) in the middle of ingesting an upload whose bytes it had
// taken, then started again: nothing is lost, nothing half-indexed is shown as complete, and the
// browser that sent the upload learns it is whole and what became of each file.

const SLICES = 500;
const AUTH_SECRET = "restart-test-secret-restart-test-secret-0123456789";
const db = createPrismaClient(inject("databaseUrl"));
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "carrier-restart-"));
  await chmod(workDir, 0o755);
});
afterAll(async () => {
  await db.$disconnect();
  await rm(workDir, { recursive: true, force: true });
});

type Running = { child: ChildProcess; exited: Promise<unknown> };

async function startCarrier(port: number): Promise<Running> {
  const child = spawn(process.execPath, ["scripts/launch.mjs", "scripts/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: inject("databaseUrl"), CARRIER_DATA_DIR: path.join(workDir, "data"), PORT: String(port), AUTH_SECRET, SEED_DEMO: "false", SMTP_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      output.push(line);
      if (line.includes("Carrier is ready at")) resolve();
    });
    createInterface({ input: child.stderr }).on("line", (line) => output.push(line));
    void exited.then(() => reject(new Error(`Carrier exited:\n${output.join("\n")}`)));
  });
  return { child, exited };
}

async function signedInPatient() {
  const actor = await createPatientActor(db);
  const sessionId = await createSession(db, { userId: actor.userId, method: "EMAIL_LINK", client: {} });
  const token = await encode({ token: { sub: actor.userId, sid: sessionId }, secret: AUTH_SECRET, salt: "authjs.session-token" });
  return { actor: { ...actor, sessionId }, cookie: `authjs.session-token=${token}` };
}

const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString("base64")}`)
    .join(",");

describe("a restart during ingest", () => {
  it("finishes the upload at start-up, and the browser learns it is whole", { timeout: 240_000 }, async () => {
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const { actor, cookie } = await signedInPatient();
    const patientId = actor.patientId;
    const series = syntheticCtSeries({ patient: { name: "R^R", patientId: "1", birthDate: "19700101", sex: "F" }, study: { date: "20260101" }, slices: SLICES, size: { rows: 64, columns: 64 } });
    const bundle = await makeBundle(series.map((instance) => ({ file: new Blob([instance.bytes as BlobPart]), path: `CT/IM${instance.instanceNumber}` })), (bytes) => crc32(bytes));
    const body = Buffer.from(await bundle.blob.arrayBuffer());
    const batch = await openBatch(db, actor, patientId, series.map(({ studyInstanceUid, sopInstanceUid }) => ({ studyInstanceUid, sopInstanceUid })));

    let carrier = await startCarrier(port);
    const created = await fetch(`${base}/api/uploads`, {
      method: "POST",
      headers: { Cookie: cookie, "Tus-Resumable": "1.0.0", "Upload-Length": String(body.length), "Upload-Metadata": metadata({ batchId: batch.id, filename: "CT bundle", kind: "bundle" }) },
    });
    expect(created.status).toBe(201);
    const uploadUrl = new URL(created.headers.get("location")!, base).toString();
    const uploadId = uploadUrl.split("/").pop()!;
    // The last request of the upload is answered once its bytes are on disk; ingest follows, and the kill cuts it short.
    const patch = await fetch(uploadUrl, { method: "PATCH", headers: { Cookie: cookie, "Tus-Resumable": "1.0.0", "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, body });
    expect([patch.status, patch.headers.get("upload-offset")]).toEqual([204, String(body.length)]);

    await expect.poll(() => db.intakeFile.count({ where: { uploadId } }), { timeout: 60_000, interval: 10 }).toBeGreaterThanOrEqual(20);
    carrier.child.kill("SIGKILL");
    await carrier.exited;

    const filedBeforeKill = await db.intakeFile.count({ where: { uploadId } });
    expect(filedBeforeKill).toBeLessThan(SLICES);
    // Half-filed is shown as still arriving, never as complete.
    expect(await db.study.findFirstOrThrow({ where: { patientId } })).toMatchObject({ status: "RECEIVING" });
    expect(existsSync(path.join(workDir, "data", "uploads", uploadId))).toBe(true);

    carrier = await startCarrier(port);
    try {
      expect(await db.intakeFile.count({ where: { uploadId } })).toBe(SLICES);
      expect(await db.instance.count({ where: { patientId } })).toBe(SLICES);
      expect((await readdir(path.join(workDir, "data", "uploads"))).filter((name) => name.startsWith(uploadId))).toEqual([]);

      // The browser, resuming, hears that the upload is whole, then asks what became of it.
      const head = await fetch(uploadUrl, { method: "HEAD", headers: { Cookie: cookie, "Tus-Resumable": "1.0.0" } });
      expect([head.status, head.headers.get("upload-offset")]).toEqual([200, String(body.length)]);
      const answer = (await (await fetch(`${base}/api/uploads?ids=${uploadId}`, { headers: { Cookie: cookie } })).json()) as { settled: Record<string, { results: { outcome: string }[] }> };
      const outcomes = answer.settled[uploadId]!.results;
      expect(outcomes).toHaveLength(SLICES);
      expect(new Set(outcomes.map((result) => result.outcome))).toEqual(new Set(["STORED"]));
      // Another account asking after the same upload hears that there is no such thing.
      const stranger = await signedInPatient();
      const theirs = (await (await fetch(`${base}/api/uploads?ids=${uploadId}`, { headers: { Cookie: stranger.cookie } })).json()) as { settled: Record<string, unknown> };
      expect(theirs.settled[uploadId]).toEqual({ error: "Carrier does not have these files. Send them again." });
    } finally {
      carrier.child.kill("SIGTERM");
      await carrier.exited;
    }
    expect(await closeBatch(db, actor, batch.id)).toEqual([expect.objectContaining({ status: "COMPLETE", missing: [] })]);
    expect(await db.study.findFirstOrThrow({ where: { patientId } })).toMatchObject({ status: "COMPLETE", numberOfInstances: SLICES });
  });
});
