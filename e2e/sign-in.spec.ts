import { expect, test } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { currentTotp } from "../lib/auth/totp";
import { e2ePaths } from "../scripts/test/e2e-paths";
import { createPatientAccount, createStaff, e2eDatabase } from "./support/accounts";
import { emailsTo, linkIn, waitForEmail } from "./support/mail";
import { requestLink, staffSignIn } from "./support/sign-in";

// Sign-in as people do it: a patient through the link in a real email, staff with a password and
// an authenticator code, and every way it can go wrong answered in plain words.

test.describe.configure({ mode: "parallel" });

test("a patient signs in with the link from the email, once", async ({ page, browser }) => {
  const patient = await createPatientAccount();
  await requestLink(page, patient.email);
  const email = await waitForEmail(patient.email);
  expect(email.subject).toBe("Your Carrier sign-in link");
  const link = linkIn(email);

  await page.goto(link);
  await expect(page.getByRole("banner")).toContainText(patient.name);
  await expect(page.getByRole("banner")).toContainText("Patient");

  const elsewhere = await browser.newContext();
  const reuse = await elsewhere.newPage();
  await reuse.goto(link);
  await expect(reuse.getByRole("heading", { level: 1 })).toHaveText("This sign-in link no longer works");
  await expect(reuse.getByRole("banner")).toContainText("Not signed in");
  await elsewhere.close();
});

test("an expired link says so, and signs nobody in", async ({ page }) => {
  const patient = await createPatientAccount();
  // A link as Carrier mails it, but 16 minutes old: Auth.js stores sha256(token + AUTH_SECRET).
  const token = randomBytes(32).toString("hex");
  const secret = readFileSync(path.join(e2ePaths().dataDir, "auth-secret"), "utf8").trim();
  await e2eDatabase().verificationToken.create({
    data: { identifier: patient.email, token: createHash("sha256").update(`${token}${secret}`).digest("hex"), expires: new Date(Date.now() - 60_000) },
  });
  await page.goto(`/api/auth/callback/email?${new URLSearchParams({ callbackUrl: "/studies", token, email: patient.email }).toString()}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This sign-in link no longer works");
  await expect(page.getByText("Each link works once, and only for 15 minutes.")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Not signed in");
});

test("an address without an account gets the same answer and no email", async ({ page }) => {
  const stranger = `nobody-${Date.now()}@example.org`;
  await requestLink(page, stranger);
  // Emails go out in order: once the next one has arrived, one for the stranger would have too.
  const patient = await createPatientAccount();
  await requestLink(page, patient.email);
  await waitForEmail(patient.email);
  expect(await emailsTo(stranger)).toEqual([]);
});

test("staff sign in with a password, turn on two-step sign-in, and then need the code", async ({ page }) => {
  const staff = await createStaff("ADMIN");
  await staffSignIn(page, staff.email, staff.password);
  await expect(page.getByRole("banner")).toContainText(staff.name);

  await page.goto("/account");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from your app").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Turn it on" }).click();
  await expect(page.getByText("Two-step sign-in is on, since")).toBeVisible();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("banner")).toContainText("Not signed in");

  await staffSignIn(page, staff.email, staff.password);
  const code = page.getByLabel("Authentication code");
  await expect(code).toBeVisible();
  await code.fill("000000" === currentTotp(secret) ? "111111" : "000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("That code is not right");
  await page.getByLabel("Authentication code").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner")).toContainText(staff.name);
});

test("signing out everywhere ends the other browser's session too", async ({ browser }) => {
  const staff = await createStaff();
  const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [here, there] = await Promise.all([first.newPage(), second.newPage()]);
  await staffSignIn(here, staff.email, staff.password);
  await staffSignIn(there, staff.email, staff.password);
  await expect(there.getByRole("banner")).toContainText(staff.name);

  await here.goto("/account");
  await here.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(here.getByRole("banner")).toContainText("Not signed in");

  await there.goto("/account");
  await expect(there).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
  await expect(there.getByRole("banner")).toContainText("Not signed in");
  await Promise.all([first.close(), second.close()]);
});

test("too many wrong passwords pause sign-in, for any address alike", async ({ page }) => {
  const staff = await createStaff();
  for (const email of [staff.email, `nobody-${Date.now()}@example.org`]) {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await staffSignIn(page, email, `wrong password ${attempt}`);
      await expect(page.locator("form").getByRole("alert")).toContainText(attempt < 5 ? "The email or password is not right" : "Too many attempts");
    }
    await staffSignIn(page, email, staff.password);
    await expect(page.locator("form").getByRole("alert")).toContainText("Too many attempts");
  }
});
