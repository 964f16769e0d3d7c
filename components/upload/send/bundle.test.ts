import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ZIP_LIMITS, expandZip } from "@/lib/ingest/zip";
import { BUNDLE_MAX_FILES, makeBundle, planBundles } from "./bundle";

// The upload page's bundles must be zip files that real zip tools read back byte for byte.

describe("bundles", () => {
  it("groups files by count and size, in order", () => {
    const files = Array.from({ length: 2 * BUNDLE_MAX_FILES + 20 }, (_, index) => ({ file: new Blob([new Uint8Array(10)]), path: `f${index}` }));
    const bundles = planBundles(files);
    expect(bundles.map((bundle) => bundle.length)).toEqual([BUNDLE_MAX_FILES, BUNDLE_MAX_FILES, 20]);
    expect(bundles.flat().map((item) => item.path)).toEqual(files.map((item) => item.path));
  });

  it("is a stored zip that the server's unzipping reads back byte for byte, and the same bytes when made again", async () => {
    const folder = await mkdtemp(join(tmpdir(), "carrier-bundle-"));
    try {
      const files = [
        { path: "CD/DICOM/IM1", file: new Blob([new Uint8Array(70_001).map((_, index) => index & 0xff)]) },
        { path: "CD/DICOM/Ü2", file: new Blob([new TextEncoder().encode("second")]) },
        { path: "CD/EMPTY", file: new Blob([]) },
      ];
      const bundle = await makeBundle(files);
      const bytes = new Uint8Array(await bundle.blob.arrayBuffer());
      await writeFile(join(folder, "bundle.zip"), bytes);
      const unpacked: Record<string, Uint8Array> = {};
      await expandZip(join(folder, "bundle.zip"), folder, DEFAULT_ZIP_LIMITS, async (entry) => {
        if ("refused" in entry) throw new Error(`${entry.name}: ${entry.refused.message}`);
        const bytes = "bytes" in entry ? entry.bytes : await readFile(entry.path);
        expect(entry.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
        unpacked[entry.name] = new Uint8Array(bytes);
      });
      expect(unpacked).toEqual(Object.fromEntries(await Promise.all(files.map(async (item) => [item.path, new Uint8Array(await item.file.arrayBuffer())]))));
      // Info-ZIP agrees too (its CRC check included).
      expect(execFileSync("unzip", ["-tq", "bundle.zip"], { cwd: folder, encoding: "utf8" })).toContain("No errors detected");
      expect(bytes.subarray(bundle.ranges[0]!.start, bundle.ranges[0]!.end)).toEqual(new Uint8Array(await files[0]!.file.arrayBuffer()));
      expect(new Uint8Array(await (await makeBundle(files)).blob.arrayBuffer())).toEqual(bytes);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
