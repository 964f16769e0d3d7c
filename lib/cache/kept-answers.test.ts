import { describe, expect, it } from "vitest";
import { KeptAnswers } from "./kept-answers";

// Loads are counted; "time" is the `now` each ask passes in.

function counter<V>(values: V[], until = 100) {
  let loads = 0;
  return {
    load: () => Promise.resolve({ value: values[loads++ % values.length]!, until }),
    get loads() {
      return loads;
    },
  };
}

describe("kept answers", () => {
  it("loads once for a burst of asks, and again once the answer is stale", async () => {
    const kept = new KeptAnswers<string>(4);
    const source = counter(["first", "second"]);
    const burst = await Promise.all(Array.from({ length: 20 }, () => kept.get("link", 0, source.load)));
    expect(new Set(burst)).toEqual(new Set(["first"]));
    expect(source.loads).toBe(1);
    expect(await kept.get("link", 99, source.load)).toBe("first");
    expect(await kept.get("link", 100, source.load)).toBe("second");
    expect(source.loads).toBe(2);
  });

  it("loads again when the kept answer cannot answer this ask", async () => {
    const kept = new KeptAnswers<Set<string>>(4);
    const source = counter([new Set(["a"]), new Set(["a", "b"])]);
    expect((await kept.get("series", 0, source.load, (value) => value.has("a"))).has("a")).toBe(true);
    expect((await kept.get("series", 1, source.load, (value) => value.has("b"))).has("b")).toBe(true);
    expect(source.loads).toBe(2);
  });

  it("keeps nothing that was forgotten while it loaded, or that failed", async () => {
    const kept = new KeptAnswers<string>(4);
    let release!: () => void;
    const slow = kept.get("link", 0, () => new Promise((resolve) => (release = () => resolve({ value: "live", until: 100 }))));
    kept.forget("link");
    release();
    expect(await slow).toBe("live");
    expect(await kept.get("link", 1, () => Promise.resolve({ value: "revoked", until: 100 }))).toBe("revoked");

    await expect(kept.get("broken", 0, () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    expect(await kept.get("broken", 0, () => Promise.resolve({ value: "back", until: 100 }))).toBe("back");
  });

  it("keeps at most its capacity, dropping the oldest", async () => {
    const kept = new KeptAnswers<number>(2);
    const source = counter([1, 2, 3, 4]);
    for (const key of ["a", "b", "c"]) await kept.get(key, 0, source.load);
    await kept.get("b", 1, source.load);
    await kept.get("c", 1, source.load);
    expect(source.loads).toBe(3);
    await kept.get("a", 1, source.load);
    expect(source.loads).toBe(4);
  });
});
