import os from "node:os";
import path from "node:path";

// Where one Playwright run keeps its files; the server (scripts/test/e2e-server.ts) and the specs
// (e2e/support) agree on it through E2E_RUN_ID, which playwright.config.ts sets once per run.

export function e2ePaths(runId = process.env.E2E_RUN_ID) {
  if (!runId) throw new Error("E2E_RUN_ID is not set: run the end-to-end tests with `npx playwright test`.");
  const root = path.join(os.tmpdir(), `carrier-e2e-${runId}`);
  return {
    root,
    dataDir: path.join(root, "data"),
    mailDir: path.join(root, "mail"),
    stateFile: path.join(root, "state.json"),
  };
}

export type E2EState = { databaseUrl: string; baseUrl: string };
