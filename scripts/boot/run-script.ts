import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { PROJECT_ROOT } from "../../lib/project-root";

// Runs one of the project's TypeScript scripts in a child process, passing its output lines on.

export async function runScript(script: string, env: Record<string, string>, log: (line: string) => void): Promise<{ code: number; lastError?: string }> {
  const child = spawn(process.execPath, ["scripts/launch.mjs", script], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let lastError: string | undefined;
  createInterface({ input: child.stdout }).on("line", log);
  createInterface({ input: child.stderr }).on("line", (line) => {
    lastError = line;
    log(line);
  });
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode ?? 1));
  });
  return { code, lastError };
}
