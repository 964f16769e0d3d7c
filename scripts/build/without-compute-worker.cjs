// Turbopack loader (next.config.ts). `next build` with Turbopack hangs, silently, on
// @cornerstonejs/tools' compute worker: the worker's own imports lead back to the module that starts
// it. Carrier's viewer uses none of the tools that need that worker (segmentation statistics and
// contours), so the worker is left out of the bundle, and starting it says why.

const WORKER_URL = "new URL('../workers/computeWorker.js', import.meta.url)";

module.exports = function withoutComputeWorker(source) {
  if (!source.includes(WORKER_URL)) {
    throw new Error(`${this.resourcePath} no longer starts its worker with ${WORKER_URL}: check scripts/build/without-compute-worker.cjs against the new @cornerstonejs/tools.`);
  }
  return source.replace(WORKER_URL, '(() => { throw new Error("Carrier\'s viewer is built without cornerstone\'s compute worker (segmentation tools)."); })()');
};
