import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zipStream, ZipEntrySizeError, type Zip64Limits, type ZipEntry } from "./zip-stream";

// The zip writer checked by the tools that will read its files: Info-ZIP's unzip and Python's zipfile.

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "carrier-zip-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function* chunksOf(bytes: Uint8Array, size = 65_536): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const entry = (name: string, bytes: Uint8Array): ZipEntry => ({ name, size: bytes.length, body: chunksOf(bytes) });

async function writeZip(name: string, entries: Iterable<ZipEntry>, limits?: Zip64Limits): Promise<string> {
  const file = join(folder, name);
  await pipeline(Readable.from(zipStream(entries, { limits })), createWriteStream(file));
  return file;
}

const unzipTest = (file: string) => execFileSync("unzip", ["-tq", file], { encoding: "utf8" });

/** What Python's zipfile reads: names, sizes and whether every CRC-32 checks out (testzip gives the first bad name). */
function pythonZipfile(file: string): { names: string[]; sizes: number[]; firstBad: string | null } {
  const script = "import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({'names':z.namelist(),'sizes':[i.file_size for i in z.infolist()],'firstBad':z.testzip()}))";
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as ReturnType<typeof pythonZipfile>;
}

describe("zipStream", () => {
  const files = { "README.TXT": new TextEncoder().encode("Hello\r\n"), "DICOM/P0000001/EMPTY": new Uint8Array(0), "DICOM/P0000001/I0000001": randomBytes(1_000_003) };

  it("writes stored entries that unzip and Python read back byte for byte", async () => {
    const file = await writeZip("plain.zip", Object.entries(files).map(([name, bytes]) => entry(name, bytes)));
    expect(unzipTest(file)).toContain("No errors detected");
    for (const [name, bytes] of Object.entries(files)) {
      expect(Buffer.compare(execFileSync("unzip", ["-p", file, name], { maxBuffer: 8 * 1024 * 1024 }), Buffer.from(bytes))).toBe(0);
    }
    expect(pythonZipfile(file)).toEqual({ names: Object.keys(files), sizes: Object.values(files).map((bytes) => bytes.length), firstBad: null });
    expect(execFileSync("unzip", ["-Z", "-v", file], { encoding: "utf8" })).toMatch(/compression method:\s+none \(stored\)/);
  });

  it("writes ZIP64 records that both tools read, whenever a size, offset or count reaches its limit", async () => {
    // Limits of zero put every entry, offset and count in ZIP64 form without writing 4 GiB.
    const file = await writeZip("zip64.zip", Object.entries(files).map(([name, bytes]) => entry(name, bytes)), { size: 0, offset: 0, count: 0 });
    expect(unzipTest(file)).toContain("No errors detected");
    const bytes = await readFile(file);
    // The ZIP64 end record and its locator sit just before the classic end record.
    expect(bytes.readUInt32LE(bytes.length - 22 - 20 - 56)).toBe(0x06064b50);
    expect(bytes.readUInt32LE(bytes.length - 22 - 20)).toBe(0x07064b50);
    expect(execFileSync("unzip", ["-Z", "-v", file], { encoding: "utf8" })).toContain("minimum software version required to extract:   4.5");
    expect(Buffer.compare(execFileSync("unzip", ["-p", file, "DICOM/P0000001/I0000001"], { maxBuffer: 8 * 1024 * 1024 }), Buffer.from(files["DICOM/P0000001/I0000001"]))).toBe(0);
    expect(pythonZipfile(file)).toMatchObject({ names: Object.keys(files), firstBad: null });
  });

  it("switches to ZIP64 end records past 65,535 entries", async () => {
    const count = 65_536;
    const entries = function* () {
      for (let index = 0; index < count; index++) yield entry(`F/${index.toString(36).toUpperCase()}`, new Uint8Array([index & 0xff]));
    };
    const file = await writeZip("many.zip", entries());
    expect(unzipTest(file)).toContain("No errors detected");
    const read = pythonZipfile(file);
    expect(read.names).toHaveLength(count);
    expect(read.firstBad).toBeNull();
  });

  it("refuses an entry whose body does not match its declared size", async () => {
    const short = { name: "SHORT", size: 10, body: chunksOf(new Uint8Array(9)) };
    await expect(writeZip("short.zip", [short])).rejects.toBeInstanceOf(ZipEntrySizeError);
    const long = { name: "LONG", size: 10, body: chunksOf(new Uint8Array(11)) };
    await expect(writeZip("long.zip", [long])).rejects.toBeInstanceOf(ZipEntrySizeError);
  });
});

