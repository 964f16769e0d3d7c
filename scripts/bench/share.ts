import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { issueShareSession, SHARE_COOKIE } from "../../lib/shares/share-session";
import { DEMO } from "../../prisma/seed";
import { createTestShare } from "../test/share-link";
import { startBenchCarrier } from "./carrier";

// `npm run bench:share` (issue 6): 50 concurrent clients for 20 s, with autocannon on loopback,
// on a share link's landing page and on WADO-RS frame requests under a share session, against a
// running Carrier (production build, its own embedded PostgreSQL). Goals on this 2-core machine:
// no errors, p99 under 150 ms for the landing page and under 250 ms for frames. Prints req/s and
// p50/p99 for each; the last two lines are the landing page's `p99 N ms` and `errors N`.

const CONNECTIONS = 50;
const SECONDS = 20;

type Figures = { requests: number; p50: number; p99: number; errors: number };

async function load(title: string, url: string, headers: Record<string, string> = {}): Promise<Figures> {
  // A short warm-up first: the first requests compile and fill caches that a running server has.
  await autocannon({ url, headers, connections: 4, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  const figures = { requests: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
  console.log(`${title}: ${figures.requests.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, errors ${figures.errors} (${result.requests.total} requests)`);
  return figures;
}

const work = await mkdtemp(path.join(os.tmpdir(), "carrier-bench-share-"));
// The embedded PostgreSQL runs as its own user and must reach its folder inside.
await chmod(work, 0o755);
const carrier = await startBenchCarrier(path.join(work, "carrier"));
try {
  const patient = await carrier.db.user.findUniqueOrThrow({ where: { email: DEMO.patientEmail }, include: { patient: true } });
  const study = await carrier.db.study.findFirstOrThrow({
    where: { patientId: patient.patient!.id },
    include: { series: { take: 1, include: { instances: { take: 1, orderBy: { instanceNumber: "asc" } } } } },
  });
  const instance = study.series[0]!.instances[0]!;
  const { share, token } = await createTestShare(carrier.db, patient.patient!.id, patient.id, [study.id]);
  const cookie = `${SHARE_COOKIE}=${issueShareSession(share.id, carrier.authSecret)}`;
  const frame = `${carrier.url}/api/share/dicomweb/studies/${study.studyInstanceUid}/series/${study.series[0]!.seriesInstanceUid}/instances/${instance.sopInstanceUid}/frames/1`;
  console.log(`${CONNECTIONS} connections for ${SECONDS} s each, on loopback; frames of ${instance.rows}×${instance.columns} ${instance.transferSyntaxUid}`);

  const frames = await load("WADO-RS frame under a share session", frame, { cookie, accept: "multipart/related; type=application/octet-stream; transfer-syntax=*" });
  const landing = await load("share landing page", `${carrier.url}/s/${token}`);
  console.log(`frames: p99 ${frames.p99} ms, errors ${frames.errors}`);
  console.log(`p99 ${landing.p99} ms`);
  console.log(`errors ${landing.errors}`);
} finally {
  await carrier.db.$disconnect();
  await carrier.stop();
  await rm(work, { recursive: true, force: true });
}
