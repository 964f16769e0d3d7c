import { test } from "@playwright/test";
import { createPatientAccount, createStaff } from "./support/accounts";
import { expectNoAccessibilityViolations } from "./support/axe";
import { signInAsPatient, signInAsStaff } from "./support/sign-in";

// Every page a person signs in through or works in, checked with axe-core at both widths. axe takes
// a few seconds a page on these 2 cores, and each test checks several.
test.describe.configure({ timeout: 120_000 });

test("the sign-in pages", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-in/staff", "/sign-in/check-email", "/sign-in/problem?error=Verification"] as const) {
    await page.goto(path);
    await expectNoAccessibilityViolations(page);
  }
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("alert").filter({ hasText: "Enter your email address" }).waitFor();
  await expectNoAccessibilityViolations(page);
});

test("a patient's pages", async ({ page }) => {
  const patient = await createPatientAccount();
  await signInAsPatient(page, patient.email);
  for (const path of ["/studies", "/studies/upload", `/studies/${patient.study.id}`, "/disclosures", "/account"] as const) {
    await page.goto(path);
    await expectNoAccessibilityViolations(page);
  }
});

test("staff pages", async ({ page }) => {
  const [desk, admin] = await Promise.all([createStaff("FRONT_DESK"), createStaff("ADMIN")]);
  await signInAsStaff(page, desk);
  await page.goto("/desk?q=Robin");
  await expectNoAccessibilityViolations(page);
  await page.goto("/account");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await page.getByTestId("totp-secret").waitFor();
  await expectNoAccessibilityViolations(page);

  await page.context().clearCookies();
  await signInAsStaff(page, admin);
  await page.goto("/admin/audit");
  await expectNoAccessibilityViolations(page);
});
