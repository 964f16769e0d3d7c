import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../../lib/db/embedded";
import { PROJECT_ROOT } from "../../lib/project-root";
import { descendants, rssKb, waitForHttp } from "./processes";

// `npm run bench:start`: time from `npm start` to the first page served (first run with an empty
// data folder, then a restart), and the resident memory of the idle server (Node + PostgreSQL)
// after a few page loads. Bars (issue 2): restart under 10 s, idle RSS under 400 MB.

const PAGES = ["/", "/studies", "/desk", "/admin", "/api/health"];

async function run(dataDir: string, port: number): Promise<{ seconds: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/launch.mjs", "scripts/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: "", CARRIER_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  createInterface({ input: child.stdout }).on("line", () => {});
  await waitForHttp(`http://127.0.0.1:${port}/`, child, "Carrier");
  const seconds = (performance.now() - started) / 1000;
  for (let round = 0; round < 5; round++) for (const page of PAGES) await fetch(`http://127.0.0.1:${port}${page}`).then((response) => response.arrayBuffer());
  const pids = [child.pid!, ...(await descendants(child.pid!))];
  const rssMb = (await Promise.all(pids.map(rssKb))).reduce((sum, kb) => sum + kb, 0) / 1024;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { seconds, rssMb };
}

const folder = await mkdtemp(path.join(os.tmpdir(), "carrier-bench-"));
await chmod(folder, 0o755);
try {
  const port = await freePort();
  const first = await run(path.join(folder, "data"), port);
  const second = await run(path.join(folder, "data"), port);
  console.log(`first start (empty data folder, build current): ${first.seconds.toFixed(1)} s to first page`);
  console.log(`restart: ${second.seconds.toFixed(1)} s to first page`);
  console.log(`idle server RSS (Node + PostgreSQL): ${second.rssMb.toFixed(0)} MB`);
} finally {
  await rm(folder, { recursive: true, force: true });
}
