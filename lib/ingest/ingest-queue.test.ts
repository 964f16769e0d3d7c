import { describe, expect, it } from "vitest";
import { ingestQueue } from "./ingest-queue";

/** A job the test finishes when it chooses. */
function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => ((open = resolve), (fail = reject)));
  return { promise, open, fail };
}

describe("ingestQueue", () => {
  it("runs at most its slots at once, and the rest in the order they came as slots free", async () => {
    const queue = ingestQueue<string>(2);
    const gates = [gate<string>(), gate<string>(), gate<string>(), gate<string>()];
    const started: number[] = [];
    const results = gates.map((g, index) => queue.run(`upload-${index}`, () => (started.push(index), g.promise)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.load()).toEqual({ running: 2, waiting: 2 });

    gates[1]!.open("one");
    expect(await results[1]).toBe("one");
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect(queue.load()).toEqual({ running: 2, waiting: 1 });

    // A failure frees its slot too, and reaches only its own caller.
    gates[0]!.fail(new Error("disk full"));
    await expect(results[0]).rejects.toThrow("disk full");
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2, 3]);

    gates[2]!.open("two");
    gates[3]!.open("three");
    expect(await Promise.all(results.slice(2))).toEqual(["two", "three"]);
    expect(queue.load()).toEqual({ running: 0, waiting: 0 });
  });

  it("joins a key that is waiting or running instead of running it twice, and runs it again once settled", async () => {
    const queue = ingestQueue<number>(1);
    const first = gate<number>();
    let runs = 0;
    const work = () => (runs++, first.promise);
    const a = queue.run("upload", work);
    const b = queue.run("upload", work);
    expect(b).toBe(a);
    first.open(7);
    expect(await b).toBe(7);
    expect(runs).toBe(1);

    expect(await queue.run("upload", () => Promise.resolve(8))).toBe(8);
  });
});
