import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext } from "@playwright/test";
import { readPart10Header } from "../../lib/dicom/part10-header";
import { PROJECT_ROOT } from "../../lib/project-root";
import { LocalBlobStore } from "../../lib/storage/local-store";
import { holdFiles } from "../test/hold-files";
import { startOrthanc } from "../test/orthanc";
import { signInDemoPatient, startBenchCarrier, syntheticStudy, type BenchCarrier } from "./carrier";

// `npm run bench:viewer` (issue 7): the 500-instance synthetic CT (5 series of 100 slices, 262 MB)
// held by the demo patient. In headless Chromium: from navigation to the first image drawn on the
// viewer's canvas, and to all 100 slices of the first series loaded (the page says so); the middle
// one of five first visits, and again with the browser's cache warm. The JavaScript each route
// loads (cornerstone must come only with the viewer). Then WADO-RS retrieve of the whole study
// from Carrier and from Orthanc by curl, in turns, nine times each, in the same run. Goals: first
// image under 1 s, the series scrollable under 3 s, ratio <= 1.0. Prints `first image N ms`, and last `ratio R` (Carrier's time / Orthanc's).

const run = promisify(execFile);
const SLICES = 100;
const ROUNDS = 9;
const FIRST_VISITS = 5;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"];

// Runs in the page from its first script: when the canvas first shows a lit pixel, and when the
// page first says the whole series is loaded (milliseconds since navigation started).
const TIMING = `
  window.__viewerTiming = { firstPicture: null, firstImage: null, seriesLoaded: null };
  const watch = () => {
    const timing = window.__viewerTiming;
    // The server's drawing of the opening image, shown until the viewer draws its own.
    const picture = document.querySelector('img[src*="/frames/1/rendered"]');
    if (timing.firstPicture === null && picture && picture.complete && picture.naturalWidth > 0) timing.firstPicture = performance.now();
    const canvas = document.querySelector("canvas.cornerstone-canvas");
    if (timing.firstImage === null && canvas && canvas.width > 0) {
      const row = canvas.getContext("2d").getImageData(0, canvas.height >> 1, canvas.width, 1).data;
      for (let index = 0; index < row.length; index += 4) if (row[index] > 16) { timing.firstImage = performance.now(); break; }
    }
    if (timing.firstImage === null) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
  // Only what changed is read (reading the whole page's text every frame took the page's own time).
  const loaded = new MutationObserver((mutations) => {
    if (!mutations.some((mutation) => mutation.target.textContent?.includes("All ${SLICES} images loaded"))) return;
    window.__viewerTiming.seriesLoaded = performance.now();
    loaded.disconnect();
  });
  loaded.observe(document, { childList: true, subtree: true, characterData: true });
  // All the frames fetched: when the first was asked for and the last arrived, and the middle
  // request's wait for the server's first byte and its whole time.
  const frameSummary = (frames) => {
    if (frames.length === 0) return "no frames fetched";
    const middle = (values) => Math.round([...values].sort((a, b) => a - b)[values.length >> 1]);
    const start = Math.min(...frames.map((entry) => entry.startTime));
    const end = Math.max(...frames.map((entry) => entry.responseEnd));
    return frames.length + " frames " + Math.round(start) + "–" + Math.round(end) + ", each waiting " + middle(frames.map((entry) => entry.responseStart - entry.requestStart)) + " ms for the server and " + middle(frames.map((entry) => entry.responseEnd - entry.startTime)) + " ms in all (medians)";
  };
  // Where the time to the first image went, from the browser's own resource timing (ms since
  // navigation): the page, its scripts, the study's series, the first series' metadata, its first
  // frame, all frames; then the viewer's own marks (components/viewer/milestone.ts).
  window.__viewerMilestones = () => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const at = (entry, otherwise = "none") => (entry ? Math.round(entry.startTime) + "–" + Math.round(entry.responseEnd) : otherwise);
    const scripts = resources.filter((entry) => /\\.js($|\\?)/.test(entry.name));
    const lastScript = scripts.reduce((last, entry) => (!last || entry.responseEnd > last.responseEnd ? entry : last), undefined);
    return [
      "page " + Math.round(navigation.responseEnd) + ", DOM ready " + Math.round(navigation.domContentLoadedEventEnd),
      scripts.length + " scripts, the last " + at(lastScript),
      "series query " + at(resources.find((entry) => /\\/series(\\?|$)/.test(entry.name)), "brought with the page"),
      "first series' metadata " + at(resources.find((entry) => /\\/metadata(\\?|$)/.test(entry.name)), "brought with the page"),
      "first frame " + at(resources.find((entry) => /\\/frames\\//.test(entry.name))),
      frameSummary(resources.filter((entry) => /\\/frames\\//.test(entry.name))),
      ...performance
        .getEntriesByType("mark")
        .filter((mark) => mark.name.startsWith("carrier-viewer:"))
        .map((mark) => mark.name.slice("carrier-viewer:".length) + " " + Math.round(mark.startTime)),
    ];
  };
`;

type Script = { url: string; bytes: number; gzip: number; cornerstone: boolean };

type Timing = { firstPicture: number | null; firstImage: number | null; seriesLoaded: number | null };
declare global {
  interface Window {
    __viewerTiming: Timing;
    __viewerMilestones: () => string[];
  }
}

/** A browser profile of its own (its own cache), signed in, with the timing script in every page. */
async function signedInContext(browser: Browser, carrier: BenchCarrier, cookie: { name: string; value: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ ...cookie, url: carrier.url }]);
  await context.addInitScript(TIMING);
  return context;
}

/** Opens a page and records every script (and WebAssembly) it loads, and whether it is cornerstone's. */
async function visit(context: BrowserContext, url: string, waitFor: "viewer" | "page") {
  const page = await context.newPage();
  const scripts: Promise<Script>[] = [];
  page.on("response", (response) => {
    const url = response.url();
    if (!/\/_next\/static\/.*\.(js|wasm)$/.test(url)) return;
    scripts.push(
      response.body().then((body) => ({ url, bytes: body.length, gzip: gzipSync(body).length, cornerstone: /CORNERSTONE_|cornerstone-canvas|dicomImageLoader/.test(body.toString("latin1")) })),
    );
  });
  // BENCH_BROWSER_PROFILE=FOLDER: a CPU profile of the page's main thread, from navigation until the series is loaded.
  const profiler = process.env.BENCH_BROWSER_PROFILE && waitFor === "viewer" ? await context.newCDPSession(page) : undefined;
  if (profiler) await profiler.send("Profiler.enable").then(() => profiler.send("Profiler.start"));
  await page.goto(url);
  // Functions, not strings: the page's CSP forbids eval.
  await page.waitForFunction((kind) => (kind === "viewer" ? window.__viewerTiming.firstImage !== null && window.__viewerTiming.seriesLoaded !== null : document.readyState === "complete"), waitFor, { timeout: 60_000, polling: 100 });
  const timing = await page.evaluate(() => window.__viewerTiming);
  if (profiler) {
    const { profile } = await profiler.send("Profiler.stop");
    await writeFile(path.join(process.env.BENCH_BROWSER_PROFILE!, `viewer-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  const milestones = waitFor === "viewer" ? await page.evaluate(() => window.__viewerMilestones()) : [];
  const loaded = await Promise.all(scripts);
  await page.close();
  return { timing, scripts: loaded, milestones };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
function describeScripts(scripts: readonly Script[]) {
  const sum = (list: readonly Script[], key: "bytes" | "gzip") => list.reduce((total, script) => total + script[key], 0);
  const cornerstone = scripts.filter((script) => script.cornerstone || script.url.endsWith(".wasm"));
  return `${scripts.length} files, ${kb(sum(scripts, "bytes"))} (${kb(sum(scripts, "gzip"))} gzipped), of which cornerstone and its decoders ${kb(sum(cornerstone, "bytes"))} (${kb(sum(cornerstone, "gzip"))} gzipped)`;
}

/**
 * Time to read a whole-study WADO-RS response to its end, in seconds (curl's own timer), and its
 * size. The client is curl, in a process of its own, as an imaging system's would be: read with
 * fetch in this process, the bench's own JavaScript shared the two cores with Carrier's and
 * weighed on both peers' times.
 */
async function retrieve(url: string, headers: Record<string, string>): Promise<{ seconds: number; bytes: number }> {
  const args = ["-sS", "-o", "/dev/null", "-w", "%{http_code} %{time_total} %{size_download}", ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]), url];
  const { stdout } = await run("curl", args);
  const [status, seconds, bytes] = stdout.trim().split(" ");
  if (status !== "200") throw new Error(`${url} answered ${status}`);
  return { seconds: Number(seconds), bytes: Number(bytes) };
}

/** When the patient first sees the image: the server's drawing of it, or the viewer's if that came first. */
const onScreen = (timing: Timing) => Math.min(timing.firstPicture ?? Infinity, timing.firstImage!);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const work = await mkdtemp(path.join(os.tmpdir(), "carrier-bench-viewer-"));
await chmod(work, 0o755);
const stops: (() => Promise<void>)[] = [];
try {
  const files = await syntheticStudy(path.join(work, "ct"));
  const header = createReadStream(files[0]!);
  const { studyInstanceUid } = await readPart10Header(header).finally(() => header.destroy());
  const carrier = await startBenchCarrier(path.join(work, "carrier"));
  stops.push(carrier.stop);
  const session = await signInDemoPatient(carrier);
  const holdStarted = performance.now();
  await holdFiles(carrier.db, new LocalBlobStore(path.join(carrier.dataDir, "storage")), session.actor, files);
  console.log(`study: ${files.length} instances held by the demo patient in ${((performance.now() - holdStarted) / 1000).toFixed(1)} s`);

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  stops.push(() => browser.close());
  const cookie = { name: session.cookieName, value: session.token };
  const viewerUrl = `${carrier.url}/viewer/${studyInstanceUid}`;
  // The server answers its first request to a route slower (Next.js loads the route's code): one
  // request each to the page and to DICOMweb first, as any visitor before would have made.
  for (const url of [viewerUrl, `${carrier.url}/api/dicomweb/studies?StudyInstanceUID=${studyInstanceUid}`]) await fetch(url, { headers: { Cookie: session.cookie } }).then((response) => response.arrayBuffer());
  // A shared two-core machine varies from one visit to the next: the visit in the middle of several,
  // each in a browser profile of its own, is the one reported.
  const visits: { context: BrowserContext; result: Awaited<ReturnType<typeof visit>> }[] = [];
  for (let round = 0; round < FIRST_VISITS; round++) {
    const context = await signedInContext(browser, carrier, cookie);
    visits.push({ context, result: await visit(context, viewerUrl, "viewer") });
  }
  visits.sort((a, b) => a.result.timing.seriesLoaded! - b.result.timing.seriesLoaded!);
  const { context, result: first } = visits[visits.length >> 1]!;
  console.log(`first image ${Math.round(onScreen(first.timing))} ms (first visit: nothing in the browser's cache; the middle one of ${FIRST_VISITS} by series loaded; goal < 1000 ms)`);
  console.log(`  the server's drawing of it ${first.timing.firstPicture === null ? "not shown" : `${Math.round(first.timing.firstPicture)} ms`}; drawn by the viewer (its tools ready) ${Math.round(first.timing.firstImage!)} ms`);
  for (const line of first.milestones) console.log(`  ${line}`);
  console.log(`all ${SLICES} slices of the series loaded ${Math.round(first.timing.seriesLoaded!)} ms after navigation (goal < 3000 ms; the ${FIRST_VISITS} first visits: ${visits.map(({ result }) => Math.round(result.timing.seriesLoaded!)).join(", ")} ms)`);
  const again = await visit(context, viewerUrl, "viewer");
  console.log(`second visit (scripts and images in the browser's cache): first image ${Math.round(onScreen(again.timing))} ms, drawn by the viewer ${Math.round(again.timing.firstImage!)} ms, series loaded ${Math.round(again.timing.seriesLoaded!)} ms`);
  const studies = await visit(await signedInContext(browser, carrier, cookie), `${carrier.url}/studies`, "page");
  console.log(`JavaScript of the viewer route: ${describeScripts(first.scripts)}`);
  console.log(`JavaScript of /studies: ${describeScripts(studies.scripts)}`);
  if (studies.scripts.some((script) => script.cornerstone)) throw new Error("cornerstone was loaded on /studies");

  const orthanc = await startOrthanc(work);
  stops.push(orthanc.stop);
  for (let index = 0; index < files.length; index += 50) {
    const { stdout } = await run(path.join(PROJECT_ROOT, "scripts/bench/peers/stow.sh"), [`${orthanc.url}/dicom-web/studies`, ...files.slice(index, index + 50)], { maxBuffer: 64 * 1024 * 1024 });
    if (!/HTTP 200/.test(stdout)) throw new Error(`Orthanc STOW-RS failed: ${stdout.slice(-200)}`);
  }
  const carrierTimes: number[] = [];
  const orthancTimes: number[] = [];
  let size = 0;
  // Once each, untimed: a server that has been running has answered a retrieve before (Carrier's
  // JavaScript is compiled as it first runs; Orthanc's code is compiled ahead).
  await retrieve(`${carrier.url}/api/dicomweb/studies/${studyInstanceUid}`, { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*', Cookie: session.cookie });
  await retrieve(`${orthanc.url}/dicom-web/studies/${studyInstanceUid}`, { Accept: 'multipart/related; type="application/dicom"' });
  for (let round = 0; round < ROUNDS; round++) {
    const fromCarrier = await retrieve(`${carrier.url}/api/dicomweb/studies/${studyInstanceUid}`, { Accept: 'multipart/related; type="application/dicom"; transfer-syntax=*', Cookie: session.cookie });
    const fromOrthanc = await retrieve(`${orthanc.url}/dicom-web/studies/${studyInstanceUid}`, { Accept: 'multipart/related; type="application/dicom"' });
    carrierTimes.push(fromCarrier.seconds);
    orthancTimes.push(fromOrthanc.seconds);
    size = fromCarrier.bytes;
  }
  await carrier.db.$disconnect();
  const [carrierSeconds, orthancSeconds] = [median(carrierTimes), median(orthancTimes)];
  console.log(`WADO-RS retrieve of the whole study (${(size / 1e6).toFixed(0)} MB), median of ${ROUNDS}: Carrier ${carrierSeconds.toFixed(2)} s, Orthanc ${orthancSeconds.toFixed(2)} s`);
  console.log(`ratio ${(carrierSeconds / orthancSeconds).toFixed(2)}`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  await rm(work, { recursive: true, force: true });
}
