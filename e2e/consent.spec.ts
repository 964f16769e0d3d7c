import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { createPatientAccount, createStaff, e2eDatabase } from "./support/accounts";
import { expectNoAccessibilityViolations } from "./support/axe";
import { createDestination, createSignedConsent, drawSignature, pdfText } from "./support/consents";
import { signInAsPatient, signInAsStaff } from "./support/sign-in";

// Consent as people give it: a patient signs online with the signature pad and downloads the PDF;
// the front desk records one signed in person and one on paper; withdrawing one stops a transfer
// that was waiting; another patient's consent ids lead nowhere. axe checks every new page.
test.describe.configure({ timeout: 120_000 });

/** The form's own alert, not Next's route announcer (an alert too). */
const formAlert = (page: Page) => page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"));

async function fillTerms(page: Page, terms: { study?: string; destination?: string; doctor?: { name: string; email: string }; purpose: string; lastDay?: string; event?: string }) {
  if (terms.study) {
    await page.getByLabel("Only the studies I pick").check();
    await page.getByLabel(terms.study).check();
  } else await page.getByLabel("All my studies").check();
  if (terms.destination) {
    await page.getByLabel("A hospital or clinic on Carrier's list").check();
    await page.getByLabel("Hospital or clinic", { exact: true }).selectOption({ label: terms.destination });
  } else if (terms.doctor) {
    await page.getByLabel("A doctor", { exact: false }).first().check();
    await page.getByLabel("Doctor's name").fill(terms.doctor.name);
    await page.getByLabel("Doctor's email address").fill(terms.doctor.email);
  }
  await page.getByLabel(terms.purpose).check();
  if (terms.lastDay) {
    await page.getByLabel("On a date").check();
    await page.getByLabel("Last day it is good for").fill(terms.lastDay);
  } else {
    await page.getByLabel("When something happens").check();
    await page.getByLabel("What ends it").fill(terms.event ?? "");
  }
}

test("a patient signs a permission with the signature pad, reviews it and downloads the signed PDF", async ({ page }) => {
  const [patient, destination] = await Promise.all([createPatientAccount(), createDestination()]);
  await signInAsPatient(page, patient.email);
  await page.goto("/studies");
  await page.getByRole("link", { name: "Your permissions to share your images" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Permissions to share" })).toBeVisible();
  await expect(page.getByText("None in effect right now.")).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole("link", { name: "Give a new permission" }).click();
  await expect(page.getByRole("heading", { name: /What to share/ })).toBeVisible();
  // Nothing chosen: each question says what it needs.
  await page.getByRole("button", { name: "Next: check it" }).click();
  await expect(formAlert(page)).toHaveText("Please fix the answers marked below.");
  await expect(page.getByText("Choose which studies to share.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  // A last day in the past is refused.
  await fillTerms(page, { study: patient.study.description!, destination: destination.name, purpose: "For a second opinion", lastDay: "2020-01-31" });
  await page.getByRole("button", { name: "Next: check it" }).click();
  await expect(page.getByText("That date has already passed. Choose today or a later day.")).toBeVisible();
  await page.getByLabel("Last day it is good for").fill("2099-12-31");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Next: check it" }).click();

  await expect(page.getByRole("heading", { name: /Check and read/ })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: destination.name })).toBeVisible();
  await expect(page.getByText("Good through December 31, 2099")).toBeVisible();
  await expect(page.getByText("You can take back this permission at any time.", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Next: sign" }).click();
  await expect(page.getByText("Check the box to say the statements were read.")).toBeVisible();
  await page.getByLabel("I have read this").check();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Next: sign" }).click();

  await expect(page.getByRole("heading", { name: /Sign$/ })).toBeVisible();
  await page.getByLabel(`I am the patient, Robin ${patient.patient.familyName}`).check();
  // A blank pad is not a signature: the server says so.
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByText("The signature box is empty. Sign in the box with your finger or mouse, or type your name instead.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await drawSignature(page);
  await page.getByRole("button", { name: "Sign", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: `Permission for ${destination.name}` })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Signed.");
  await expect(page.getByText("For a second opinion")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const consent = await e2eDatabase().consent.findFirstOrThrow({ where: { patientId: patient.patient.id } });
  expect(consent).toMatchObject({ method: "ONLINE", signatureKind: "DRAWN", purpose: "SECOND_OPINION", destinationId: destination.id });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the signed form (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^carrier-consent-.*\.pdf$/);
  const text = pdfText(readFileSync((await download.path())));
  expect(text).toContain("Authorization to release medical images");
  expect(text).toContain(`Who gets them: ${destination.name}`);
  expect(text).toContain(patient.study.description!);
  expect(text).toContain(`Content SHA-256: ${consent.contentSha256}`);
  expect(text).toContain("Audit reference: event");

  await page.getByRole("link", { name: "Back to your permissions" }).click();
  await expect(page.getByRole("region", { name: /In effect/ }).getByRole("link", { name: destination.name })).toBeVisible();
});

test("the front desk records a permission signed in person, and one from a scanned paper form", async ({ page }) => {
  const [patient, desk, destination] = await Promise.all([createPatientAccount(), createStaff("FRONT_DESK"), createDestination()]);
  await signInAsStaff(page, desk);
  await page.goto(`/desk/patients/${patient.patient.id}`);
  await page.getByRole("link", { name: "See, record or withdraw permissions" }).click();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("link", { name: "Record one signed here" }).click();
  await fillTerms(page, { destination: destination.name, purpose: "For my care (treatment)", lastDay: "2099-06-30" });
  await page.getByRole("button", { name: "Next: check it" }).click();
  await page.getByLabel("I have read this").check();
  await page.getByRole("button", { name: "Next: sign" }).click();
  await page.getByLabel(`The patient, Robin ${patient.patient.familyName}`).check();
  await expect(page.getByText(`Witness: ${desk.name}`)).toBeVisible();
  await drawSignature(page);
  await page.getByRole("button", { name: "Save the signed permission" }).click();
  await expect(page.getByText("Choose how you checked who signed.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("How did you check who signed?").selectOption("Driver's license");
  // The drawn signature survived the round trip: it is sent again as it is.
  await page.getByRole("button", { name: "Save the signed permission" }).click();
  await expect(page.getByRole("status")).toHaveText("The permission was saved. The patient sees it in their account.");
  const inPerson = await e2eDatabase().consent.findFirstOrThrow({ where: { patientId: patient.patient.id } });
  expect(inPerson).toMatchObject({ method: "IN_PERSON", witnessId: desk.id, recordedById: desk.id, identityCheck: "Driver's license", signatureKind: "DRAWN" });

  await page.getByRole("link", { name: "Add a signed paper form" }).click();
  await fillTerms(page, { doctor: { name: "Dr. Ada Osei", email: "ada.osei@clinic.example" }, purpose: "For my care (treatment)", event: "When my treatment ends" });
  await page.getByRole("button", { name: "Next: check it" }).click();
  await page.getByLabel("The signed paper form says these things too").check();
  await page.getByRole("button", { name: "Next: sign" }).click();
  await page.getByLabel(`The patient, Robin ${patient.patient.familyName}`).check();
  await page.getByLabel("How did you check who signed?").selectOption("Passport");
  await page.getByLabel("Date written next to the signature").fill(new Date().toISOString().slice(0, 10));
  // Named like a PDF, but not one: refused by its bytes.
  await page.getByLabel("Scanned form").setInputFiles({ name: "consent.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is a program, not a scan") });
  await page.getByRole("button", { name: "Save the paper form" }).click();
  await expect(page.getByText("This file is not a PDF, PNG or JPEG. Scan the form to one of those and choose it again.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const scan = await PDFDocument.create();
  scan.addPage().drawText("Signed: Robin");
  await page.getByLabel("Scanned form").setInputFiles({ name: "consent.pdf", mimeType: "application/pdf", buffer: Buffer.from(await scan.save()) });
  await page.getByRole("button", { name: "Save the paper form" }).click();
  await expect(page.getByRole("status")).toHaveText("The permission was saved. The patient sees it in their account.");
  const paper = await e2eDatabase().consent.findFirstOrThrow({ where: { patientId: patient.patient.id, method: "PAPER_FORM" } });
  expect(paper).toMatchObject({ recipientKind: "CLINICIAN", recipientEmail: "ada.osei@clinic.example", expiryEvent: "When my treatment ends", documentMediaType: "application/pdf", identityCheck: "Passport" });

  await page.getByRole("link", { name: "Dr. Ada Osei (ada.osei@clinic.example)" }).click();
  await expect(page.getByText("Signed on a paper form, scanned at the front desk.", { exact: false })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const pdf = await page.request.get(`/api/consents/${paper.id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect((await PDFDocument.load(await pdf.body())).getPageCount()).toBeGreaterThanOrEqual(2);

  // The patient phones to take it back: the desk withdraws it for them, with the reason.
  await page.getByRole("button", { name: /^Withdraw this permission/ }).click();
  await page.getByLabel("Reason (optional)").fill("Patient phoned to take it back");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(page.getByRole("status")).toHaveText("The permission was withdrawn.");
  expect(await e2eDatabase().consent.findUniqueOrThrow({ where: { id: paper.id } })).toMatchObject({ revokedById: desk.id, revocationReason: "Patient phoned to take it back" });
});

test("withdrawing a permission stops a transfer that was waiting, and the patient sees it stopped", async ({ page }) => {
  const [patient, destination] = await Promise.all([createPatientAccount(), createDestination()]);
  const consent = await createSignedConsent(patient.patient.id, patient.name, destination.id);
  const transfer = await e2eDatabase().transfer.create({ data: { patientId: patient.patient.id, studyId: patient.study.id, destinationId: destination.id, consentId: consent.id, requestedById: patient.id } });
  await signInAsPatient(page, patient.email);
  await page.goto("/consents");
  await page.getByRole("link", { name: destination.name }).click();
  await expect(page.getByText(`${patient.study.description!} to ${destination.name}: Waiting to be sent`)).toBeVisible();
  await page.getByRole("button", { name: `Withdraw this permission for ${destination.name}` }).click();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(page.getByRole("status")).toHaveText("The permission was withdrawn. 1 sending that had not finished was stopped.");
  expect(await e2eDatabase().transfer.findUniqueOrThrow({ where: { id: transfer.id } })).toMatchObject({ status: "CANCELED", cancelReason: "Stopped: the permission to send it was withdrawn." });

  await page.reload();
  await expect(page.getByText(`${patient.study.description!} to ${destination.name}: Stopped`)).toBeVisible();
  await expect(page.getByText("Stopped: the permission to send it was withdrawn.", { exact: false })).toBeVisible();
  await expect(page.getByText(/^Withdrawn on/)).toBeVisible();
  await page.goto("/consents");
  await expect(page.getByRole("region", { name: /Withdrawn/ }).getByRole("link", { name: destination.name })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("another patient's consent ids lead nowhere: the page, the PDF, FHIR and withdrawing", async ({ page }) => {
  const [alice, bea, destination] = await Promise.all([createPatientAccount(), createPatientAccount(), createDestination()]);
  const [own, theirs] = await Promise.all([createSignedConsent(alice.patient.id, alice.name, destination.id), createSignedConsent(bea.patient.id, bea.name, destination.id)]);
  await signInAsPatient(page, alice.email);

  const fhir = await page.request.get(`/api/fhir/Consent/${own.id}`);
  expect(fhir.status()).toBe(200);
  expect(fhir.headers()["content-type"]).toContain("application/fhir+json");
  expect(await fhir.json()).toMatchObject({ resourceType: "Consent", id: own.id, status: "active", patient: { reference: `Patient/${alice.patient.id}` } });
  const foreign = await page.request.get(`/api/fhir/Consent/${theirs.id}`);
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toMatchObject({ resourceType: "OperationOutcome", issue: [{ diagnostics: "This is not available to you, or it does not exist." }] });
  expect((await page.request.get(`/api/consents/${theirs.id}/pdf`)).status()).toBe(404);
  expect((await page.goto(`/consents/${theirs.id}`))?.status()).toBe(404);

  // Withdrawing with the form's consent id changed to Bea's: refused with a clear message, nothing changes.
  await page.goto(`/consents/${own.id}`);
  await page.getByRole("button", { name: /^Withdraw this permission/ }).click();
  await page.locator('input[name="consentId"]').evaluate((input: HTMLInputElement, id) => (input.value = id), theirs.id);
  await page.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(formAlert(page)).toHaveText("This is not available to you, or it does not exist.");
  expect((await e2eDatabase().consent.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull();
});
