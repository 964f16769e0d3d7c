import { execFile } from "node:child_process";
import { createReadStream, openAsBlob } from "node:fs";
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { crc32 } from "node:zlib";
import { chromium } from "@playwright/test";
import { Upload } from "tus-js-client";
import { readPart10Header } from "../../lib/dicom/part10-header";
import { closeBatch, openBatch } from "../../lib/ingest/batch";
import { PROJECT_ROOT } from "../../lib/project-root";
import { makeBundle, planBundles } from "../../components/upload/send/bundle";
import { PARALLEL_UPLOADS } from "../../components/upload/send/upload-queue";
import { settledUploads, uploadIdOf } from "../../components/upload/send/upload-outcomes";
import { startOrthanc } from "../test/orthanc";
import type { OrthancPeer } from "../test/orthanc";
import { signInDemoPatient, signInNewPatient, startBenchCarrier, syntheticStudy } from "./carrier";
import type { BenchCarrier } from "./carrier";
import { cpuSeconds, descendants, peakRss, rssKb } from "./processes";

// `npm run bench:ingest` (issue 4): the 500-instance, 262 MB synthetic CT uploaded through tus from
// node to a running Carrier (in bundles, with the upload page's own code) until every instance is
// indexed, against the same files sent to Orthanc by STOW-RS in 50-instance requests, in the same
// run: one untimed round each, then five each taken in turns (a new patient each round on Carrier,
// an emptied Orthanc), compared by their medians. Also the browser's header scan of the 500 files
// on the upload page, in headless Chromium. Goals: ratio <= 1.0, server RSS growth under 300 MB,
// browser scan under 3 s. The last line is `ratio R` (Carrier's median time / Orthanc's).

const run = promisify(execFile);
const PEERS = path.join(PROJECT_ROOT, "scripts/bench/peers");
const STOW_BATCH = 50;

const work = await mkdtemp(path.join(os.tmpdir(), "carrier-bench-ingest-"));
await chmod(work, 0o755);
const stops: (() => Promise<void>)[] = [];

async function expectedInstances(files: string[]) {
  return Promise.all(
    files.map(async (file) => {
      const stream = createReadStream(file);
      const header = await readPart10Header(stream).finally(() => stream.destroy());
      return { studyInstanceUid: header.studyInstanceUid, sopInstanceUid: header.sopInstanceUid };
    }),
  );
}

/** Sends one upload; settles with its address once all its bytes are on the server. */
function tusUpload(url: string, cookie: string, batchId: string, body: Buffer, kind: "file" | "bundle", name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(body, {
      endpoint: `${url}/api/uploads`,
      headers: { Cookie: cookie },
      metadata: { batchId, filename: name, kind },
      // As the upload page does: create, then send (resumable if the sending is cut).
      uploadDataDuringCreation: false,
      retryDelays: [0, 500, 1000],
      onSuccess: () => resolve(upload.url!),
      onError: reject,
    });
    upload.start();
  });
}

/** Waits, as the upload page does, until Carrier has checked and filed every upload sent. */
async function outcomesOf(url: string, cookie: string, ids: string[]): Promise<void> {
  const open = new Set(ids);
  while (open.size > 0) {
    const settled = await settledUploads(`${url}/api/uploads`, [...open], AbortSignal.timeout(60_000), { Cookie: cookie });
    for (const [id, outcome] of Object.entries(settled)) {
      if ("error" in outcome) throw new Error(`Upload ${id}: ${outcome.error}`);
      open.delete(id);
    }
  }
}

/**
 * Sends the files as the upload page does: bundled (bundle.ts), a few uploads at a time, the next
 * bundle made while one is sent, and a new upload started as soon as one's bytes have all arrived.
 * Settles once every upload's files are filed.
 */
async function uploadAll(url: string, cookie: string, batchId: string, files: string[]): Promise<void> {
  const items = await Promise.all(files.map(async (file) => ({ file: await openAsBlob(file), path: `CT/${path.basename(file)}` })));
  const bundles = planBundles(items);
  const bodies = new Map<number, Promise<Blob>>();
  const prepare = (index: number) => {
    const group = bundles[index];
    if (!group) return;
    if (!bodies.has(index)) bodies.set(index, group.length === 1 ? Promise.resolve(group[0]!.file) : makeBundle(group, (bytes) => crc32(bytes)).then((bundle) => bundle.blob));
    return bodies.get(index)!;
  };
  let next = 0;
  const sent: string[] = [];
  const worker = async () => {
    while (next < bundles.length) {
      const index = next++;
      const group = bundles[index]!;
      const body = await prepare(index)!;
      void prepare(next);
      sent.push(uploadIdOf(await tusUpload(url, cookie, batchId, Buffer.from(await body.arrayBuffer()), group.length === 1 ? "file" : "bundle", group[0]!.path)));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_UPLOADS }, worker));
  await outcomesOf(url, cookie, sent);
}

async function browserScan(url: string, session: Awaited<ReturnType<typeof signInDemoPatient>>, folder: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"] });
  try {
    const context = await browser.newContext();
    await context.addCookies([{ name: session.cookieName, value: session.token, url }]);
    const page = await context.newPage();
    await page.goto(`${url}/studies/upload`);
    const input = page.getByLabel("Choose a folder or CD");
    const started = performance.now();
    await input.setInputFiles(folder);
    await page.getByText(/We found 1 study with 500 images/).waitFor({ timeout: 60_000 });
    return (performance.now() - started) / 1000;
  } finally {
    await browser.close();
  }
}

const ROUNDS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (values: number[]) => values.map((value) => value.toFixed(2)).join(", ");

/** One round on Carrier: a new patient's upload of the whole study, until every instance is filed and the batch closed. */
async function carrierRound(carrier: BenchCarrier, files: string[], expected: Awaited<ReturnType<typeof expectedInstances>>): Promise<number> {
  const session = await signInNewPatient(carrier);
  const batch = await openBatch(carrier.db, session.actor, session.actor.patientId, expected);
  const started = performance.now();
  await uploadAll(carrier.url, session.cookie, batch.id, files);
  const closed = await closeBatch(carrier.db, session.actor, batch.id);
  const elapsed = (performance.now() - started) / 1000;
  const indexed = await carrier.db.instance.count({ where: { patientId: session.actor.patientId } });
  if (indexed < files.length || closed[0]?.status !== "COMPLETE") throw new Error(`Carrier indexed ${indexed} of ${files.length} instances (${closed[0]?.status ?? "no study"})`);
  return elapsed;
}

/** One round on Orthanc: the study sent by STOW-RS into an empty Orthanc. */
async function orthancRound(orthanc: OrthancPeer, files: string[]): Promise<number> {
  for (const id of (await (await fetch(`${orthanc.url}/studies`)).json()) as string[]) await fetch(`${orthanc.url}/studies/${id}`, { method: "DELETE" });
  const started = performance.now();
  for (let index = 0; index < files.length; index += STOW_BATCH) {
    const { stdout } = await run(path.join(PEERS, "stow.sh"), [`${orthanc.url}/dicom-web/studies`, ...files.slice(index, index + STOW_BATCH)], { maxBuffer: 64 * 1024 * 1024 });
    if (!/HTTP 200/.test(stdout)) throw new Error(`Orthanc STOW-RS failed: ${stdout.slice(-200)}`);
  }
  return (performance.now() - started) / 1000;
}

try {
  const files = await syntheticStudy(path.join(work, "ct"));
  const totalMb = (await Promise.all(files.map((file) => stat(file)))).reduce((sum, info) => sum + info.size, 0) / 1e6;
  console.log(`study: ${files.length} instances, ${totalMb.toFixed(0)} MB`);

  const carrier = await startBenchCarrier(path.join(work, "carrier"));
  stops.push(carrier.stop);
  const scanSeconds = await browserScan(carrier.url, await signInDemoPatient(carrier), path.dirname(files[0]!));
  console.log(`browser header scan of ${files.length} files (headless Chromium, dcmjs): ${scanSeconds.toFixed(2)} s`);
  const orthanc = await startOrthanc(work);
  stops.push(orthanc.stop);

  const expected = await expectedInstances(files);
  const baseline = (await rssKb(carrier.pid)) / 1024;
  const carrierPeak = peakRss(carrier.pid);
  const orthancPeak = peakRss(orthanc.pid);
  const serverProcesses = [carrier.pid, ...(await descendants(carrier.pid))];
  const carrierTimes: number[] = [];
  const orthancTimes: number[] = [];
  let clientCpu = 0;
  let serverCpu = 0;
  // One untimed round each first, as a server that has been running a while has had; then the
  // rounds in turns, so that whatever else the machine does at a moment weighs on both alike.
  await carrierRound(carrier, files, expected);
  await orthancRound(orthanc, files);
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBefore = { client: process.cpuUsage(), server: await cpuSeconds(serverProcesses) };
    carrierTimes.push(await carrierRound(carrier, files, expected));
    const client = process.cpuUsage(cpuBefore.client);
    clientCpu += (client.user + client.system) / 1e6;
    serverCpu += (await cpuSeconds(serverProcesses)) - cpuBefore.server;
    orthancTimes.push(await orthancRound(orthanc, files));
  }
  const carrierPeakMb = carrierPeak.stop();
  const orthancPeakMb = orthancPeak.stop();
  await carrier.db.$disconnect();

  const [carrierSeconds, orthancSeconds] = [median(carrierTimes), median(orthancTimes)];
  console.log(`Carrier, tus upload (bundled as the upload page does, ${PARALLEL_UPLOADS} at a time) + ingest + index, median of ${ROUNDS} rounds: ${carrierSeconds.toFixed(2)} s, ${(totalMb / carrierSeconds).toFixed(0)} MB/s (rounds: ${seconds(carrierTimes)} s)`);
  console.log(`CPU time per Carrier round (both share this machine's cores): upload client ${(clientCpu / ROUNDS).toFixed(1)} s, Carrier with its PostgreSQL ${(serverCpu / ROUNDS).toFixed(1)} s`);
  console.log(`Carrier server RSS: ${baseline.toFixed(0)} MB before, peak ${carrierPeakMb.toFixed(0)} MB, growth ${(carrierPeakMb - baseline).toFixed(0)} MB`);
  console.log(`Orthanc, STOW-RS in ${STOW_BATCH}-instance requests, median of ${ROUNDS} rounds: ${orthancSeconds.toFixed(2)} s, ${(totalMb / orthancSeconds).toFixed(0)} MB/s (rounds: ${seconds(orthancTimes)} s), peak RSS ${orthancPeakMb.toFixed(0)} MB`);
  console.log(`ratio ${(carrierSeconds / orthancSeconds).toFixed(2)}`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await rm(work, { recursive: true, force: true });
}
