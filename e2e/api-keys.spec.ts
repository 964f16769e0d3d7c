import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { actorFromAuthorization } from "../lib/api-keys/authenticate";
import { createStaff, e2eDatabase } from "./support/accounts";
import { expectNoAccessibilityViolations } from "./support/axe";
import { signInAsStaff } from "./support/sign-in";

// An administrator gives an imaging system a key: sees it once, the system signs in with it (as
// DICOMweb will: through actorFromAuthorization, against this run's database), and revoking it
// cuts the system off. The page stays closed to everyone else, and axe finds nothing at either width.

// Whole journeys with axe at several steps: more than the default 30 seconds on a busy machine.
test.slow();

const HOSPITAL = "Riverside Community Hospital";
const KEY_SHAPE = /^carrier_[0-9a-f]{8}_[0-9a-f]{64}$/;
const unique = () => randomBytes(4).toString("hex");

/** A key's card in the list, found by the heading with its name. */
function keyCard(page: Page, name: string) {
  return page.getByRole("region", { name: /^Keys/ }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });
}

async function issueKey(page: Page, name: string) {
  const form = page.getByRole("region", { name: "Issue a key" });
  await form.getByLabel("System name").fill(name);
  // Other tests add organizations: with more than one, the form rightly asks which.
  await form.getByLabel("Organization").selectOption({ label: HOSPITAL });
  await form.getByLabel("Store images (STOW-RS)").check();
  await form.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await form.getByRole("button", { name: "Issue key" }).click();
  await expect(page.getByRole("heading", { level: 3, name: `Copy the key for ${name} now` })).toBeFocused();
  return page.getByLabel(`API key for ${name}`).inputValue();
}

test("an admin issues a key, sees it once, the system signs in with it, and revoking it cuts the system off", async ({ page }) => {
  const admin = await createStaff("ADMIN");
  const db = e2eDatabase();
  const hospital = await db.organization.findFirstOrThrow({ where: { name: HOSPITAL } });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAsStaff(page, admin);

  await page.goto("/admin");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");

  const name = `Riverside PACS ${unique()}`;
  const key = await issueKey(page, name);
  expect(key).toMatch(KEY_SHAPE);
  await expect(page.getByText("It will not be shown again.")).toBeVisible();
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  const prefix = key.slice(0, "carrier_".length + 8);
  const card = keyCard(page, name);
  await expect(card).toContainText("Active");
  await expect(card).toContainText(HOSPITAL);
  await expect(card).toContainText(prefix);
  await expect(card).toContainText("Query and retrieve images (QIDO-RS, WADO-RS)");
  await expect(card).toContainText("Store images (STOW-RS)");
  await expect(card).toContainText(`by ${admin.name}`);
  await expect(card.getByRole("definition").filter({ hasText: /^Never$/ })).toHaveCount(1);

  // The system signs in with the key, as a token and as Orthanc's basic credentials.
  const client = { address: "10.0.0.8", userAgent: "Orthanc" };
  const expected = { kind: "api-key", organizationId: hospital.id, scopes: ["read", "write"], displayName: `${name} (${HOSPITAL})` };
  expect(await actorFromAuthorization(db, `Bearer ${key}`, client)).toMatchObject(expected);
  expect(await actorFromAuthorization(db, `Basic ${Buffer.from(`${prefix}:${key}`).toString("base64")}`, client)).toMatchObject(expected);

  // Shown once: after a reload the key is nowhere on the page, and the list knows it was used.
  await page.reload();
  await expect(page.getByLabel(`API key for ${name}`)).toHaveCount(0);
  expect(await page.content()).not.toContain(key.slice(prefix.length + 1));
  await expect(keyCard(page, name).getByRole("definition").filter({ hasText: /^Never$/ })).toHaveCount(0);

  await keyCard(page, name).getByRole("button", { name: `Revoke the key for ${name}` }).click();
  await expect(keyCard(page, name).getByText(`Revoke the key for ${name}?`)).toBeFocused();
  await keyCard(page, name).getByRole("button", { name: `Yes, revoke the key for ${name}` }).click();
  await expect(keyCard(page, name).getByRole("status")).toHaveText(`The key for ${name} is revoked. Its next request will be refused.`);
  // The badge beside the name, and when and by whom among the facts.
  await expect(keyCard(page, name).getByText("Revoked", { exact: true })).toHaveCount(2);
  await expect(keyCard(page, name).getByRole("definition").filter({ hasText: `by ${admin.name}` })).toHaveCount(2);
  await expect(keyCard(page, name).getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  expect(await actorFromAuthorization(db, `Bearer ${key}`, client)).toBeNull();
});

test("the API keys page is accessible and fits the screen, with its errors, a new key and a revocation question", async ({ page }) => {
  const admin = await createStaff("ADMIN");
  await signInAsStaff(page, admin);
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  await expectNoAccessibilityViolations(page);
  const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await fits();

  const form = page.getByRole("region", { name: "Issue a key" });
  await form.getByLabel("Query and retrieve images (QIDO-RS, WADO-RS)").uncheck();
  await form.getByRole("button", { name: "Issue key" }).click();
  await expect(form.getByRole("alert")).toContainText("Check the highlighted fields.");
  await expect(form.getByLabel("System name")).toHaveAccessibleDescription(/Name the system that will use the key/);
  await expect(form.getByRole("group", { name: "What the system may do" })).toHaveAccessibleDescription("Choose what the system may do: query and retrieve, store, or both.");
  await expectNoAccessibilityViolations(page);

  const name = `Lakeside Orthanc ${unique()}`;
  expect(await issueKey(page, name)).toMatch(KEY_SHAPE);
  await expectNoAccessibilityViolations(page);
  await fits();

  await keyCard(page, name).getByRole("button", { name: `Revoke the key for ${name}` }).click();
  await expect(keyCard(page, name).getByRole("button", { name: `Yes, revoke the key for ${name}` })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await keyCard(page, name).getByRole("button", { name: "Cancel" }).click();
  await expect(keyCard(page, name).getByRole("button", { name: `Revoke the key for ${name}` })).toBeFocused();
});

test("front desk staff opening the API keys page are refused in plain words", async ({ page }) => {
  const frontDesk = await createStaff("FRONT_DESK");
  await signInAsStaff(page, frontDesk);
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Managing API keys is not available to you");
  await expect(page.getByRole("region", { name: "Issue a key" })).toHaveCount(0);
});
