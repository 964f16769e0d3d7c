import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

// `npm test`: typecheck, lint, build, unit and integration tests (vitest), end-to-end tests
// (Playwright), then one line that sums them up: "N passed, N failed".

type Counts = { passed: number; failed: number };
const total: Counts = { passed: 0, failed: 0 };
const VITEST_REPORT = "test-results/vitest.json";
const PLAYWRIGHT_REPORT = "test-results/e2e.json";

function run(command: string, args: string[]): Promise<number> {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules/.bin", name);

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path.join(PROJECT_ROOT, file), "utf8"));
  } catch {
    return undefined;
  }
}

/** A step with no test report of its own (typecheck, lint, build) counts as one check. */
async function check(command: string, args: string[]): Promise<boolean> {
  const ok = (await run(command, args)) === 0;
  total[ok ? "passed" : "failed"] += 1;
  return ok;
}

async function vitest(): Promise<void> {
  const code = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_REPORT}`]);
  const report = (await readJson(VITEST_REPORT)) as { numPassedTests?: number; numFailedTests?: number } | undefined;
  total.passed += report?.numPassedTests ?? 0;
  total.failed += report?.numFailedTests ?? 0;
  if (code !== 0 && !report?.numFailedTests) total.failed += 1;
}

async function playwright(): Promise<void> {
  const code = await run(bin("playwright"), ["test"]);
  const report = (await readJson(PLAYWRIGHT_REPORT)) as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | undefined;
  total.passed += report?.stats?.expected ?? 0;
  total.failed += (report?.stats?.unexpected ?? 0) + (report?.stats?.flaky ?? 0);
  if (code !== 0 && !report?.stats?.unexpected) total.failed += 1;
}

await rm(path.join(PROJECT_ROOT, "test-results"), { recursive: true, force: true });
const staticChecks = (await check("npm", ["run", "-s", "typecheck"])) && (await check("npm", ["run", "-s", "lint"]));
if (staticChecks && (await check(process.execPath, ["scripts/launch.mjs", "scripts/build.ts", "--if-needed"]))) {
  await vitest();
  await playwright();
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed === 0 ? 0 : 1;
