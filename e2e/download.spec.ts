import path from "node:path";
import { expect, test } from "@playwright/test";
import { readFileSet, sha256Of, unpackZip } from "../scripts/test/cd-check";
import { createPatientAccount, e2eDatabase } from "./support/accounts";
import { expectNoAccessibilityViolations } from "./support/axe";
import { PYDICOM_FILES, syntheticCtFolder } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { signInAsPatient } from "./support/sign-in";

// A patient takes a study home as a zip laid out like a CD, from the study's page. axe takes a few
// seconds a page on these 2 cores.
test.describe.configure({ timeout: 120_000 });

test("a patient downloads a study from its page and gets a zip whose DICOMDIR lists the study", async ({ page }, testInfo) => {
  const patient = await createPatientAccount();
  const ct = syntheticCtFolder(4);
  const [first] = await holdFilesFor(patient, ct.files.map((file) => file.path));
  const study = await e2eDatabase().study.findUniqueOrThrow({ where: { patientId_studyInstanceUid: { patientId: patient.patient.id, studyInstanceUid: first!.studyInstanceUid! } } });

  await signInAsPatient(page, patient.email);
  await page.goto(`/studies/${study.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "CT ABDOMEN" })).toBeVisible();
  const link = page.getByRole("link", { name: /^Download \(zip, [\d.]+ (KB|MB)\)$/ });
  await expect(link).toBeVisible();
  await expectNoAccessibilityViolations(page);

  const downloaded = page.waitForEvent("download");
  await link.click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe("study-2026-01-05-ct-abdomen.zip");
  const zip = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(zip);

  const { folder, test: zipTest } = unpackZip(zip, testInfo.outputDir);
  expect(zipTest).toContain("No errors detected");
  const listed = readFileSet(path.join(folder, "DICOMDIR"));
  expect(listed).toHaveLength(4);
  expect(new Set(listed.map((instance) => instance.study.StudyInstanceUID))).toEqual(new Set([study.studyInstanceUid]));
  expect(new Set(listed.map((instance) => sha256Of(path.join(folder, ...instance.fileId.split("\\")))))).toEqual(new Set(ct.files.map((file) => file.sha256)));

  // The disclosure is in the audit trail (the patient's own downloads are not listed to them as someone else's look).
  expect(await e2eDatabase().auditEvent.findMany({ where: { action: "study.download", patientId: patient.patient.id }, select: { actorUserId: true, studyIds: true, channel: true } })).toEqual([
    { actorUserId: patient.id, studyIds: [study.id], channel: "web" },
  ]);
});

test("no download for a study without images, and nothing for another patient's study or a made-up address", async ({ page }) => {
  const [owner, stranger] = await Promise.all([createPatientAccount(), createPatientAccount()]);
  const [held] = await holdFilesFor(owner, [path.join(PYDICOM_FILES, "CT_small.dcm")]);
  const ownerStudy = await e2eDatabase().study.findUniqueOrThrow({ where: { patientId_studyInstanceUid: { patientId: owner.patient.id, studyInstanceUid: held!.studyInstanceUid! } } });

  await signInAsPatient(page, stranger.email);
  // The account's own study has no images yet: nothing to download.
  await page.goto(`/studies/${stranger.study.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Download/ })).toHaveCount(0);

  for (const address of [`/api/studies/${ownerStudy.id}/download`, "/api/studies/not-a-study/download", "/api/studies/00000000-0000-4000-8000-000000000000/download"]) {
    const response = await page.request.get(address);
    expect(response.status(), address).toBe(404);
    expect((await response.body()).length, address).toBe(0);
  }
  expect(await e2eDatabase().auditEvent.count({ where: { action: "study.download", patientId: owner.patient.id } })).toBe(0);
});
