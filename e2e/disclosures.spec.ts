import { expect, test } from "@playwright/test";
import { createPatientAccount, createStaff } from "./support/accounts";
import { signInAsPatient, signInAsStaff } from "./support/sign-in";

// Who may see what, tried through the real pages and API with real sessions, ids tampered with
// included; and the patient's record of every disclosure.

test("the patient sees that the front desk opened their record", async ({ browser }) => {
  const patient = await createPatientAccount();
  const desk = await createStaff("FRONT_DESK");
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signInAsStaff(staffPage, desk);
  await staffPage.getByLabel("Patient name or record number").fill(patient.patient.familyName);
  await staffPage.getByRole("button", { name: "Search" }).click();
  await staffPage.getByRole("link", { name: new RegExp(patient.patient.familyName) }).click();
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText(`Robin ${patient.patient.familyName}`);
  await expect(staffPage.getByText(patient.study.description!)).toBeVisible();
  await staffContext.close();

  const patientContext = await browser.newContext();
  const page = await patientContext.newPage();
  await signInAsPatient(page, patient.email);
  await page.goto("/disclosures");
  const list = page.getByRole("list").filter({ hasText: "Opened your patient record" });
  await expect(list).toContainText(`${desk.name} (front desk)`);
  await expect(list).toContainText("Looked at the list of your studies");

  await page.getByLabel("Show").selectOption({ label: patient.study.description! });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`study=${patient.study.id}`));
  await expect(page.getByRole("list").filter({ hasText: "Looked at the list of your studies" })).toBeVisible();
  await patientContext.close();
});

test("a patient reaches only their own records, whatever id they send", async ({ page }) => {
  const [alice, bea] = await Promise.all([createPatientAccount(), createPatientAccount()]);
  await signInAsPatient(page, alice.email);

  const own = await page.request.get(`/api/fhir/AuditEvent?patient=${alice.patient.id}`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toContain("application/fhir+json");
  const bundle = (await own.json()) as { resourceType: string; type: string; total: number };
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset" });
  expect(bundle.total).toBeGreaterThan(0);

  const other = await page.request.get(`/api/fhir/AuditEvent?patient=${bea.patient.id}`);
  expect(other.status()).toBe(403);
  expect(await other.json()).toMatchObject({ resourceType: "OperationOutcome" });
  expect((await page.request.get("/api/fhir/AuditEvent?patient=not-a-uuid")).status()).toBe(403);

  const tampered = await page.goto(`/disclosures?study=${bea.study.id}`);
  expect(tampered?.status()).toBe(404);
  await page.goto("/studies");
  await expect(page.getByText(alice.study.description!)).toBeVisible();
  await expect(page.getByText(bea.study.description!)).toHaveCount(0);
});

test("front desk staff reach only their own organization's patients", async ({ page }) => {
  const [ours, theirs] = await Promise.all([createPatientAccount(), createPatientAccount({ otherHospital: true })]);
  const desk = await createStaff("FRONT_DESK");
  await signInAsStaff(page, desk);

  expect((await page.goto(`/desk/patients/${ours.patient.id}`))?.status()).toBe(200);
  expect((await page.goto(`/desk/patients/${theirs.patient.id}`))?.status()).toBe(404);
  await page.goto(`/desk?q=${theirs.patient.familyName}`);
  await expect(page.getByRole("heading", { name: "No patients found" })).toBeVisible();
  expect((await page.request.get(`/api/fhir/AuditEvent?patient=${ours.patient.id}`)).status()).toBe(403);
  expect((await page.goto("/admin/audit"))?.status()).toBe(404);
});

test("an administrator searches the audit trail", async ({ page }) => {
  const admin = await createStaff("ADMIN");
  await signInAsStaff(page, admin);
  await page.goto("/admin/audit");
  await page.getByLabel("User email").fill(admin.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("region", { name: "Audit events" })).toContainText("auth.sign-in");
  expect((await page.request.get(`/api/fhir/AuditEvent`)).status()).toBe(400);
});

test("pages carry a content security policy with a fresh nonce; the API forbids everything", async ({ request }) => {
  const [first, second] = await Promise.all([request.get("/"), request.get("/")]);
  const policy = first.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  expect(first.headers()["referrer-policy"]).toBe("no-referrer");
  expect((await request.get("/api/health")).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});
