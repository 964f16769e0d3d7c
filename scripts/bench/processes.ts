import type { ChildProcess } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";

// What the benchmarks measure about running processes: when they answer, and their memory.

export async function waitForHttp(url: string, child: ChildProcess, what: string): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${what} exited before answering ${url}`);
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

export async function descendants(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent === pid) found.push(Number(entry), ...(await descendants(Number(entry))));
  }
  return found;
}

/** Samples a process's resident memory every 50 ms until stopped; gives the peak in MB. */
export function peakRss(pid: number): { stop: () => number } {
  let peak = 0;
  const timer = setInterval(() => {
    void rssKb(pid).then((kb) => (peak = Math.max(peak, kb)));
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return peak / 1024;
    },
  };
}

/** User + system CPU seconds used so far by the processes (those that exited count as 0). */
export async function cpuSeconds(pids: readonly number[]): Promise<number> {
  const ticks = await Promise.all(
    pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    }),
  );
  // Clock ticks: 100 a second on Linux.
  return ticks.reduce((sum, value) => sum + value, 0) / 100;
}
