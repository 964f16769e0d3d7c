import path from "node:path";
import { expect, test } from "@playwright/test";
import { readFileSet, unpackZip } from "../scripts/test/cd-check";
import { createPatientAccount, e2eDatabase } from "./support/accounts";
import { expectNoAccessibilityViolations } from "./support/axe";
import { syntheticCtFolder } from "./support/dicom-files";
import { holdFilesFor } from "./support/holdings";
import { emailsTo, waitForEmail } from "./support/mail";
import { signInAsPatient } from "./support/sign-in";
import { canvasPicture } from "./support/viewer";

// A second opinion today: the patient shares a study with a doctor, who opens the emailed link in
// another browser with the PIN the patient passed on, and looks and downloads; the patient sees
// both in their accounting and turns the link off, and the doctor's next request is refused.

test.describe.configure({ timeout: 240_000 });

test("a patient shares a study, the doctor opens it with the PIN, and turning it off ends their access", async ({ browser }, testInfo) => {
  const patient = await createPatientAccount();
  const ct = syntheticCtFolder(3);
  const [held] = await holdFilesFor(patient, ct.files.map((file) => file.path));
  const study = await e2eDatabase().study.findUniqueOrThrow({ where: { patientId_studyInstanceUid: { patientId: patient.patient.id, studyInstanceUid: held!.studyInstanceUid! } } });
  const doctorEmail = `dr-${patient.patient.familyName.toLowerCase()}@clinic.example`;

  // The patient shares from the study's page.
  const patientContext = await browser.newContext();
  const page = await patientContext.newPage();
  await signInAsPatient(page, patient.email);
  await page.goto(`/studies/${study.id}`);
  await page.getByRole("link", { name: "Share this study with a doctor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Share images with a doctor" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /CT ABDOMEN/ })).toBeChecked();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("The doctor's name").fill("Dr. Ada Reyes");
  await page.getByLabel("The doctor's email").fill(doctorEmail);
  await page.getByLabel("Let the doctor download copies of the images").check();
  await page.getByLabel("A message for the doctor (optional)").fill("Could you look at the liver?");
  await page.getByRole("checkbox", { name: "I have read this" }).check();
  await page.getByRole("radio", { name: /I am the patient/ }).check();
  await page.getByRole("radio", { name: "Type my name" }).check();
  await page.getByLabel("Your full name").fill(`Robin ${patient.patient.familyName}`);
  await page.getByRole("checkbox", { name: /I typed my name to sign this form/ }).check();
  await page.getByRole("button", { name: "Share the images" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "The link for Dr. Ada Reyes is ready" })).toBeFocused();
  const pin = (await page.getByText(/^\d{6}$/).textContent())!;
  const shownLink = await page.getByRole("textbox", { name: "The link" }).inputValue();
  await expect(page.getByRole("img", { name: "QR code of the link" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // The doctor gets the link by email (a real SMTP server), not the PIN.
  const email = await waitForEmail(doctorEmail);
  expect(email.subject).toBe(`Robin ${patient.patient.familyName} shared medical images with you`);
  expect(email.text).toContain("Could you look at the liver?");
  expect(email.text).not.toContain(pin);
  const link = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(email.text)?.[0];
  expect(link).toBe(shownLink);

  // The doctor, in another browser: two wrong PINs, then the right one.
  const patientEmailsBefore = (await emailsTo(patient.email)).length;
  const doctorContext = await browser.newContext({ acceptDownloads: true });
  const doctor = await doctorContext.newPage();
  const landing = await doctor.goto(link!);
  expect(landing?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  // Plain HTML without any script: its policy allows none.
  expect(landing?.headers()["content-security-policy"]).toContain("default-src 'none'");
  await expect(doctor.getByRole("heading", { level: 1, name: "Medical images shared with you" })).toBeVisible();
  await expect(doctor.getByText(patient.patient.familyName)).toHaveCount(0);
  await expectNoAccessibilityViolations(doctor);
  const wrong = pin === "000000" ? "111111" : "000000";
  for (const triesLeft of [4, 3]) {
    await doctor.getByLabel("PIN").fill(wrong);
    await doctor.getByRole("button", { name: "Open the images" }).click();
    await expect(doctor.getByRole("alert")).toHaveText(`That is not right. You can try ${triesLeft} more times before the link locks for an hour.`);
  }
  await doctor.getByLabel("PIN").fill(pin);
  await doctor.getByRole("button", { name: "Open the images" }).click();
  await expect(doctor.getByRole("heading", { level: 1, name: "Shared images" })).toBeVisible();
  // The patient is told at once (open emails are on unless turned off for the link).
  expect((await waitForEmail(patient.email, patientEmailsBefore)).subject).toBe("Your shared images were opened");
  await expect(doctor.getByRole("heading", { level: 2, name: "CT ABDOMEN" })).toBeVisible();
  await expectNoAccessibilityViolations(doctor);

  // Reads through the share session's DICOMweb: the shared study, and nothing else of the patient's.
  const metadata = await doctor.request.get(`/api/share/dicomweb/studies/${study.studyInstanceUid}/metadata`);
  expect(metadata.status()).toBe(200);
  expect(((await metadata.json()) as unknown[]).length).toBe(3);
  const other = await doctor.request.get(`/api/share/dicomweb/studies/${patient.study.studyInstanceUid}/metadata`);
  expect(other.status()).toBe(404);

  // The viewer, reading the share session's DICOMweb, draws the image.
  await doctor.getByRole("link", { name: "View the images of CT ABDOMEN" }).click();
  await expect(doctor.getByTestId("image-overlay").getByText(/^Image \d+ of 3$/)).toBeVisible({ timeout: 30_000 });
  await expect(doctor.getByText("Opening the image…")).toBeHidden({ timeout: 30_000 });
  expect((await canvasPicture(doctor)).lit).toBeGreaterThan(1000);
  await doctor.goBack();

  const downloaded = doctor.waitForEvent("download");
  await doctor.getByRole("link", { name: /^Download CT ABDOMEN/ }).click();
  const zip = testInfo.outputPath("shared.zip");
  await (await downloaded).saveAs(zip);
  const { folder } = unpackZip(zip, testInfo.outputDir);
  expect(readFileSet(path.join(folder, "DICOMDIR"))).toHaveLength(3);

  // The patient sees the look and the download, and turns the link off.
  await page.goto("/disclosures");
  const disclosures = page.getByRole("list").filter({ hasText: "Opened your images through a shared link" });
  await expect(disclosures).toContainText("Dr. Ada Reyes");
  await expect(page.getByRole("list").filter({ hasText: "Downloaded your images" })).toContainText("Dr. Ada Reyes");
  await page.goto("/shares");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Dr. Ada Reyes" }) });
  await expect(card).toContainText("Opened 1 time");
  await expect(card).toContainText("Downloaded 1 time");
  await expectNoAccessibilityViolations(page);
  await card.getByRole("button", { name: "Turn off the link" }).click();
  await card.getByRole("button", { name: "Yes, turn it off" }).click();
  await expect(card.getByRole("status")).toHaveText("This link is turned off. Nobody can open the images with it any more.");
  await expect(card).toContainText("Turned off");

  // The doctor's next request is refused, and the link says it has ended.
  expect((await doctor.request.get(`/api/share/dicomweb/studies/${study.studyInstanceUid}/metadata`)).status()).toBe(401);
  await doctor.goto("/s/view");
  await expect(doctor.getByRole("heading", { level: 1, name: "Your access has ended" })).toBeVisible();
  await doctor.goto(link!);
  await expect(doctor.getByRole("heading", { level: 1, name: "This link has ended" })).toBeVisible();
  await patientContext.close();
  await doctorContext.close();
});
