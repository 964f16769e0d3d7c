import type { Upload } from "@tus/utils";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import type { IntakeFileResult } from "@/lib/ingest/ingest-file";
import { settledUploads } from "./settled-uploads";
import type { UploadLookup } from "./settled-uploads";

// The waiting logic alone, over uploads described in memory; the endpoint itself, with a real
// server, real uploads and a restart, is in scripts/ingest-restart.test.ts.

const result = (name: string): IntakeFileResult => ({ name, entryName: "", outcome: "STORED", code: null, message: null, studyInstanceUid: "1.2.3" });
const upload = (id: string, offset: number, size = 100) => ({ id, offset, size }) as Upload;

function lookup(parts: { uploads?: Upload[]; ingests?: Record<string, Promise<IntakeFileResult[]>>; recorded?: Record<string, IntakeFileResult[]> }): UploadLookup {
  return {
    ownUpload: (id) => Promise.resolve(parts.uploads?.find((item) => item.id === id) ?? null),
    ingest: (item) => parts.ingests?.[item.id] ?? Promise.reject(new Error(`no ingest for ${item.id}`)),
    recorded: (id) => Promise.resolve(parts.recorded?.[id] ?? []),
  };
}

const never = () => new Promise<IntakeFileResult[]>(() => {});
const signal = () => new AbortController().signal;

describe("settledUploads", () => {
  it("answers at once with what is settled: recorded outcomes, and words for uploads Carrier no longer has or never had whole", async () => {
    const settled = await settledUploads(
      lookup({ uploads: [upload("half", 40), upload("busy", 100)], ingests: { busy: never() }, recorded: { done: [result("a.dcm")] } }),
      ["done", "half", "unknown", "busy"],
      60_000,
      signal(),
    );
    expect(settled).toEqual({
      done: { results: [result("a.dcm")] },
      half: { error: "These files did not arrive whole. Send them again." },
      unknown: { error: "Carrier does not have these files. Send them again." },
    });
  });

  it("waits for the first ingest to finish, and gives only what has settled by then", async () => {
    let finish!: (results: IntakeFileResult[]) => void;
    const first = new Promise<IntakeFileResult[]>((resolve) => (finish = resolve));
    const answer = settledUploads(lookup({ uploads: [upload("a", 100), upload("b", 100)], ingests: { a: first, b: never() } }), ["a", "b"], 60_000, signal());
    finish([result("a.dcm")]);
    expect(await answer).toEqual({ a: { results: [result("a.dcm")] } });
  });

  it("a failed ingest settles with the user's words when Carrier has them, or a plain request to try again", async () => {
    const settled = await settledUploads(
      lookup({ uploads: [upload("closed", 100)], ingests: { closed: Promise.reject(new InvalidInputError("This upload has already finished. Start a new one to add more images.")) } }),
      ["closed"],
      60_000,
      signal(),
    );
    expect(settled).toEqual({ closed: { error: "This upload has already finished. Start a new one to add more images." } });
    const crashed = await settledUploads(lookup({ uploads: [upload("x", 100)], ingests: { x: Promise.reject(new Error("connection reset")) } }), ["x"], 60_000, signal());
    expect(crashed).toEqual({ x: { error: "Carrier could not check these files. Try them again in a moment." } });
  });

  it("stops waiting when the page goes away, or when the wait runs out, with nothing settled", async () => {
    const page = new AbortController();
    const answer = settledUploads(lookup({ uploads: [upload("a", 100)], ingests: { a: never() } }), ["a"], 60_000, page.signal);
    page.abort();
    expect(await answer).toEqual({});
    expect(await settledUploads(lookup({ uploads: [upload("a", 100)], ingests: { a: never() } }), ["a"], 1, signal())).toEqual({});
  });
});
