import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The shell every page shares: loads cleanly, reads well to assistive technology, and works by
// keyboard on a phone and on a desktop (both projects in playwright.config.ts run these).

const PAGES = [
  { path: "/", heading: /your medical images/i },
  { path: "/studies", heading: /studies/i },
  { path: "/desk", heading: /front desk/i },
  { path: "/admin", heading: /admin/i },
] as const;

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

for (const { path, heading } of PAGES) {
  test(`${path} loads with no console errors and no accessibility violations`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("the skip link takes keyboard users straight to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: /skip to (main )?content/i });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main/);
});

test("navigation reaches each area and marks where the user is", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: /main/i });
  await nav.getByRole("link", { name: /front desk/i }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await expect(nav.getByRole("link", { name: /front desk/i })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("banner")).toContainText(/not signed in/i);
});

test("unknown addresses get a friendly page, not a stack trace", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: /home/i }).first()).toBeVisible();
});

test("/api/health answers JSON with the app, database and storage all ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["cache-control"]).toContain("no-store");
  const report = (await response.json()) as Record<string, { status: string }> & { status: string };
  expect(report.status).toBe("ok");
  expect(report.app?.status).toBe("ok");
  expect(report.database?.status).toBe("ok");
  expect(report.storage?.status).toBe("ok");
});
