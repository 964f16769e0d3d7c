import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Real Chromium against the real app (see scripts/test/e2e-server.ts). Debian's Chromium when it is
// installed; Playwright's own browser otherwise.

const port = Number(process.env.E2E_PORT ?? 3210);
// One id per run, shared by the server and the specs (workers inherit it: see scripts/test/e2e-paths.ts).
process.env.E2E_RUN_ID ??= `${Date.now()}-${process.pid}`;
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Two browsers and the server share two cores: a viewer test that loads a series, signs in and
  // measures can take 25 s on a slow machine, too close to the 30 s default.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
    },
  },
  projects: [
    // The viewer's touch gestures are a phone's; its tools and pixel checks run on the desktop.
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /viewer-phone\.spec\.ts/ },
    // Network resilience does not depend on the screen: the resume tests run once, on desktop; so do
    // the peer tests, the server's drawing, the viewer's tools and pixel checks (they read the
    // desktop canvas), the sign-in rules (throttles, two-step, sessions; the sign-in pages'
    // layout is checked on a phone in accessibility.spec.ts), and what administrators do.
    { name: "phone", use: { ...devices["Pixel 7"] }, testIgnore: /(upload-resume|dicomweb-peer|rendered|viewer|viewer-images|sign-in|staff|api-keys|admin-access)\.spec\.ts/ },
    // Staff work at a desk: on a phone, only their pages' layout and accessibility are checked.
    { name: "phone-staff", use: { ...devices["Pixel 7"] }, testMatch: /(staff|api-keys)\.spec\.ts/, grep: /accessible/ },
  ],
  webServer: {
    command: "node scripts/launch.mjs scripts/test/e2e-server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: { E2E_PORT: String(port), E2E_RUN_ID: process.env.E2E_RUN_ID },
  },
});
