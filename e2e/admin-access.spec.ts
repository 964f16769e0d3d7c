import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/axe";
import { createPatientAccount, createStaff } from "./support/accounts";
import { PYDICOM_FILES } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { signInWithSession } from "./support/session";
import { canvasPicture } from "./support/viewer";

// An administrator reaches a patient's records and images only by saying why; the patient reads
// the reason in their list of who opened their records.

const REASON = "Patient phoned: her CT from March does not open (ticket 4521)";

test("an administrator states a reason, sees the patient's images, and the patient sees the reason", async ({ browser }) => {
  const patient = await createPatientAccount();
  const [held] = await holdFilesFor(patient, [path.join(PYDICOM_FILES, "CT_small.dcm")]);
  expect(held?.outcome).toBe("STORED");
  const admin = await createStaff("ADMIN");

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signInWithSession(page, admin);
  // From the audit trail, where administrators meet patient ids.
  await page.goto(`/admin/audit?patientId=${patient.patient.id}`);
  await page.getByRole("link", { name: patient.patient.id }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Open a patient's records" })).toBeVisible();
  // Nothing of the patient before the reason.
  await expect(page.getByText(patient.patient.familyName)).toHaveCount(0);
  await expectNoAccessibilityViolations(page);

  await page.getByLabel("Why do you need to see this patient's records?").fill(REASON);
  await page.getByRole("button", { name: "Open the records" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Robin ${patient.patient.familyName}`);
  await expect(page.getByText(`Opened for this reason: ${REASON}`)).toBeVisible();
  await page.getByRole("link", { name: "e+1" }).click();
  await page.getByRole("link", { name: "Open viewer" }).click();
  await expect(page.getByTestId("image-overlay").getByText("Image 1 of 1")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Opening the image…")).toBeHidden({ timeout: 30_000 });
  expect((await canvasPicture(page)).lit).toBeGreaterThan(100);
  await adminContext.close();

  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  await signInWithSession(patientPage, patient);
  await patientPage.goto("/disclosures");
  const opened = patientPage.getByRole("listitem").filter({ hasText: "An administrator opened your records and said why" });
  await expect(opened).toContainText(`${admin.name} (administrator)`);
  await expect(opened).toContainText(`The reason they gave: ${REASON}`);
  // The study page and the viewer each opened the images: both say why.
  const images = patientPage.getByRole("listitem").filter({ hasText: "Opened your images" });
  await expect(images).toHaveCount(2);
  for (const item of await images.all()) await expect(item).toContainText(`The reason they gave: ${REASON}`);
  await patientContext.close();
});
