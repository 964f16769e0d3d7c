// Ingest work kept off the upload's own requests: the request that brings an upload's last bytes
// is answered once they are safe on disk, and the upload is ingested here, so the browser's next
// upload is already arriving while this one is checked and filed. At most `slots` ingests run at
// once (each unpacks and hashes a bundle, so more would only share the same cores and memory);
// the rest wait their turn in the order they arrived. One key runs once at a time: asking again
// for a key that is waiting or running joins it.

export type IngestQueue<T> = {
  /** Runs `work` for `key` unless it is already waiting or running; settles with its result. */
  run(key: string, work: () => Promise<T>): Promise<T>;
  /** How many ingests run now and how many wait. */
  load(): { running: number; waiting: number };
};

export function ingestQueue<T>(slots: number): IngestQueue<T> {
  const jobs = new Map<string, Promise<T>>();
  const queued: (() => void)[] = [];
  let running = 0;

  async function inSlot(work: () => Promise<T>): Promise<T> {
    if (running < slots) running++;
    // A finishing ingest hands its slot straight to the next in line, still counted as running.
    else await new Promise<void>((resolve) => queued.push(resolve));
    try {
      return await work();
    } finally {
      const next = queued.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    run(key, work) {
      let job = jobs.get(key);
      if (!job) {
        job = inSlot(work).finally(() => jobs.delete(key));
        jobs.set(key, job);
      }
      return job;
    },
    load: () => ({ running, waiting: queued.length }),
  };
}
