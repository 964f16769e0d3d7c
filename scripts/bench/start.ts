import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { freePort } from "../../lib/db/embedded";
import { PROJECT_ROOT } from "../../lib/project-root";

// `npm run bench:start`: time from `npm start` to the first page served (first run with an empty
// data folder, then a restart), and the resident memory of the idle server (Node + PostgreSQL)
// after a few page loads. Bars (issue 2): restart under 10 s, idle RSS under 400 MB.

const PAGES = ["/", "/studies", "/desk", "/admin", "/api/health"];

async function firstPage(url: string, child: ChildProcess): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error("Carrier exited before serving a page");
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function descendants(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent === pid) found.push(Number(entry), ...(await descendants(Number(entry))));
  }
  return found;
}

async function run(dataDir: string, port: number): Promise<{ seconds: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/launch.mjs", "scripts/start.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: "", CARRIER_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  createInterface({ input: child.stdout }).on("line", () => {});
  await firstPage(`http://127.0.0.1:${port}/`, child);
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
