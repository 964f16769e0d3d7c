import { expect, type Page } from "@playwright/test";
import { linkIn, waitForEmail, emailsTo } from "./mail";

// Signing in as people do: patients through the emailed link, staff with their password.

export async function requestLink(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
}

export async function signInAsPatient(page: Page, email: string): Promise<void> {
  const seen = (await emailsTo(email)).length;
  await requestLink(page, email);
  await page.goto(linkIn(await waitForEmail(email, seen)));
  await expect(page.getByRole("banner")).toContainText("Patient");
}

export async function staffSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in/staff");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs staff in and waits until the page shows them signed in. */
export async function signInAsStaff(page: Page, staff: { email: string; password: string; name: string }): Promise<void> {
  await staffSignIn(page, staff.email, staff.password);
  await expect(page.getByRole("banner")).toContainText(staff.name);
}
