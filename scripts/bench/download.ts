import { execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { syntheticCtSeries } from "../../lib/dicom/synthetic-ct";
import { randomDicomUid } from "../../lib/dicom/uid";
import { LocalBlobStore } from "../../lib/storage/local-store";
import { readFileSet } from "../test/cd-check";
import { holdFiles } from "../test/hold-files";
import { signInDemoPatient, startBenchCarrier, type BenchCarrier } from "./carrier";
import { cpuSeconds, descendants, peakRss, rssKb } from "./processes";

// `npm run bench:download [-- --series 8 --slices 500]`: a large synthetic CT (by default 8 series
// of 500 slices of 512 × 512, about 2.1 GB in 4,000 files) held by the demo patient of a running
// Carrier, downloaded over HTTP as the study page's link does. Prints the throughput and how much
// the server's resident memory grew while streaming (the goal: flat, whatever the study's size),
// then checks the zip with unzip and pydicom. The last line is `peak RSS growth N MB`.

const { values: options } = parseArgs({ options: { series: { type: "string", default: "8" }, slices: { type: "string", default: "500" } } });
const studySize = { series: Number(options.series), slices: Number(options.slices) };
if (!Number.isInteger(studySize.series) || studySize.series < 1 || !Number.isInteger(studySize.slices) || studySize.slices < 1 || studySize.slices > 500) {
  throw new Error("--series takes a whole number from 1, --slices one from 1 to 500");
}

const work = await mkdtemp(path.join(os.tmpdir(), "carrier-bench-download-"));
await chmod(work, 0o755);
const stops: (() => Promise<void>)[] = [];

type Session = Awaited<ReturnType<typeof signInDemoPatient>>;

/** Generates a study one series at a time and holds each, so the bench itself never holds the study either. */
async function holdSyntheticStudy(carrier: BenchCarrier, actor: Session["actor"], seriesCount: number, slices: number) {
  const store = new LocalBlobStore(path.join(work, "carrier", "storage"));
  const studyInstanceUid = randomDicomUid();
  let bytes = 0;
  for (let number = 1; number <= seriesCount; number++) {
    const folder = path.join(work, "ct", String(number));
    await mkdir(folder, { recursive: true });
    const series = syntheticCtSeries({ patient: { name: "Bench^Download", patientId: "BENCH", birthDate: "19600101", sex: "O" }, study: { studyInstanceUid, date: "20260110", description: "CT BENCH" }, series: { number }, slices, size: { rows: 512, columns: 512 } });
    const files = await Promise.all(series.map(async (instance, index) => {
      const file = path.join(folder, `IM${index}`);
      await writeFile(file, instance.bytes);
      bytes += instance.bytes.length;
      return file;
    }));
    await holdFiles(carrier.db, store, actor, files);
    await rm(folder, { recursive: true, force: true });
  }
  const study = await carrier.db.study.findUniqueOrThrow({ where: { patientId_studyInstanceUid: { patientId: actor.patientId, studyInstanceUid } } });
  return { study, bytes };
}

async function download(carrier: BenchCarrier, session: Session, studyId: string, zip: string, onProgress: (bytes: number) => void = () => {}): Promise<void> {
  const response = await fetch(`${carrier.url}/api/studies/${studyId}/download`, { headers: { Cookie: session.cookie } });
  if (!response.ok || !response.body) throw new Error(`Download failed: HTTP ${response.status}`);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      onProgress(received);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), counter, createWriteStream(zip));
}

try {
  const carrier = await startBenchCarrier(path.join(work, "carrier"));
  stops.push(carrier.stop);
  const session = await signInDemoPatient(carrier);
  const preparing = performance.now();
  const { study, bytes } = await holdSyntheticStudy(carrier, session.actor, studySize.series, studySize.slices);
  // A first, small download loads the route's code, so that what grows later is the streaming's.
  const warmUp = await holdSyntheticStudy(carrier, session.actor, 1, 2);
  await download(carrier, session, warmUp.study.id, path.join(work, "warm-up.zip"));
  console.log(`study: ${study.numberOfInstances} instances in ${study.numberOfSeries} series, ${(bytes / 1e6).toFixed(0)} MB (made and held in ${((performance.now() - preparing) / 1000).toFixed(0)} s)`);

  const serverProcesses = [carrier.pid, ...(await descendants(carrier.pid))];
  const baselineMb = (await rssKb(carrier.pid)) / 1024;
  const peak = peakRss(carrier.pid);
  const cpuBefore = await cpuSeconds(serverProcesses);
  const zip = path.join(work, "study.zip");
  const started = performance.now();
  // The server's memory at each quarter of the download: flat means the study's size does not show.
  const quarters: Promise<number>[] = [];
  await download(carrier, session, study.id, zip, (received) => {
    if (received >= ((quarters.length + 1) * bytes) / 4) quarters.push(rssKb(carrier.pid).then((kb) => kb / 1024));
  });
  const seconds = (performance.now() - started) / 1000;
  const peakMb = peak.stop();
  const serverCpu = (await cpuSeconds(serverProcesses)) - cpuBefore;
  const zipBytes = (await stat(zip)).size;
  await carrier.db.$disconnect();

  const unzipVerdict = execFileSync("unzip", ["-tq", zip], { encoding: "utf8" }).trim();
  const unpacked = path.join(work, "unpacked");
  // pydicom checks that every referenced file exists, so the whole zip is unpacked.
  execFileSync("unzip", ["-q", zip, "-d", unpacked]);
  const listed = readFileSet(path.join(unpacked, "DICOMDIR")).length;

  console.log(`download over HTTP: ${(zipBytes / 1e6).toFixed(0)} MB zip in ${seconds.toFixed(2)} s, ${(zipBytes / 1e6 / seconds).toFixed(0)} MB/s, Carrier CPU ${serverCpu.toFixed(1)} s`);
  console.log(`check: unzip -t "${unzipVerdict}"; pydicom's FileSet lists ${listed} of ${study.numberOfInstances} instances`);
  console.log(`Carrier server RSS: ${baselineMb.toFixed(0)} MB before (after a small warm-up download); at 25, 50, 75, 100% ${(await Promise.all(quarters)).map((mb) => mb.toFixed(0)).join(", ")} MB; peak ${peakMb.toFixed(0)} MB`);
  console.log(`peak RSS growth ${(peakMb - baselineMb).toFixed(0)} MB`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await rm(work, { recursive: true, force: true });
}
