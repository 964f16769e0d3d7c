import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { createPatientAccount, e2eDatabase } from "./support/accounts";
import { startCuttingProxy } from "./support/cutting-proxy";
import type { CuttingProxy } from "./support/cutting-proxy";
import { syntheticCtFolder } from "./support/dicom-files";
import { signInAsPatient } from "./support/sign-in";

// An upload survives what happens to patients at home: the connection drops in the middle, or the
// tab is closed and opened again. The browser reaches Carrier through a proxy that can cut every
// connection and slow the upload down. (Desktop only: nothing here depends on the screen width.)

test.describe.configure({ timeout: 180_000 });

const SLICES = 200;
let proxy: CuttingProxy;

test.beforeEach(async ({ baseURL }) => {
  proxy = await startCuttingProxy(Number(new URL(baseURL!).port));
});
test.afterEach(async () => {
  await proxy.close();
});

async function pickAndSend(page: Page, folder: string) {
  await page.getByLabel("Choose a folder or CD").setInputFiles(folder);
  await expect(page.getByText(`We found 1 study with ${SLICES} images.`)).toBeVisible();
  await page.getByLabel(/These are my images/).check();
  await page.getByRole("button", { name: /^Send / }).click();
}

async function expectAllStored(patientId: string, files: { sha256: string }[]) {
  const stored = await e2eDatabase().instance.findMany({ where: { patientId }, select: { sha256: true } });
  expect(stored.map((instance) => instance.sha256).sort()).toEqual(files.map((file) => file.sha256).sort());
}

const headRequests = () => proxy.requestLines().filter((line) => line.startsWith("HEAD /api/uploads/"));

test("a connection cut mid-upload resumes where it stopped, and every image arrives byte for byte", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  const ct = syntheticCtFolder(SLICES);
  proxy.throttle(8 * 1024 * 1024);
  await page.goto(`${proxy.url}/studies/upload`);
  await pickAndSend(page, ct.folder);

  await expect.poll(() => proxy.bytesUp(), { timeout: 60_000 }).toBeGreaterThan(10 * 1024 * 1024);
  expect(headRequests()).toEqual([]);
  proxy.cutAll();

  await expect(page.getByRole("heading", { name: "Upload finished" })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(`${SLICES} images added to your account.`)).toBeVisible();
  // Resumed, not restarted: the browser asked where each upload stood before going on.
  expect(headRequests().length).toBeGreaterThan(0);
  await expectAllStored(patient.patient.id, ct.files);
});

test("closing the page mid-upload: opened again, the same folder continues where it stopped", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  const ct = syntheticCtFolder(SLICES);
  proxy.throttle(4 * 1024 * 1024);
  await page.goto(`${proxy.url}/studies/upload`);
  await pickAndSend(page, ct.folder);
  await expect.poll(() => proxy.bytesUp(), { timeout: 60_000 }).toBeGreaterThan(8 * 1024 * 1024);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByText(/An upload you started on .* did not finish\./)).toBeVisible();
  const sentBefore = proxy.bytesUp();
  await pickAndSend(page, ct.folder);
  await expect(page.getByRole("heading", { name: "Upload finished" })).toBeVisible({ timeout: 120_000 });

  expect(headRequests().length).toBeGreaterThan(0);
  await expectAllStored(patient.patient.id, ct.files);
  // Continued, not sent again: well under the whole study went up after the reload.
  const studyBytes = SLICES * (256 * 256 * 2);
  expect(proxy.bytesUp() - sentBefore).toBeLessThan(studyBytes * 0.9);
});
