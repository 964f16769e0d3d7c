import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createStaff, e2eDatabase } from "./support/accounts";
import { waitForEmail, type ReceivedEmail } from "./support/mail";

// Staff administration as an administrator does it: invite someone by email, see them set their
// password and sign in, change a role, deactivate an account and watch its sessions end; and the
// page stays closed to everyone else.

test.describe.configure({ mode: "parallel" });
// Whole journeys through two browsers and a real mailbox: more than the default 30 seconds on a busy machine.
test.slow();

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const unique = () => randomBytes(4).toString("hex");

async function staffSignIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in/staff");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`)).toEqual([]);
}

function invitationLinkIn(email: ReceivedEmail): string {
  const link = /https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/.exec(email.text)?.[0];
  if (!link) throw new Error(`No invitation link in: ${email.text}`);
  return link;
}

/** A person's card on the staff page, found by the heading with their name. */
function staffCard(page: Page, name: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });
}

/** An invitation made straight in the database, for tests about the invitation page itself. */
async function invitationFor(name: string, expiresAt = new Date(Date.now() + 86_400_000)) {
  const db = e2eDatabase();
  const organization = await db.organization.findFirstOrThrow();
  const token = randomBytes(32).toString("base64url");
  await db.user.create({
    data: {
      email: `invited-${unique()}@example.org`,
      name,
      role: "FRONT_DESK",
      organizationId: organization.id,
      accountTokens: { create: { purpose: "INVITATION", tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt } },
    },
  });
  return token;
}

test("an admin invites a front desk member, who sets a password and signs in until deactivated", async ({ page, browser }) => {
  const admin = await createStaff("ADMIN");
  await staffSignIn(page, admin.email, admin.password);
  await expect(page.getByRole("banner")).toContainText(admin.name);

  await page.goto("/admin/staff");
  const invitee = { name: `Noor Haddad ${unique()}`, email: `noor-${unique()}@example.org`, password: `quiet harbour ${unique()}` };
  const inviteForm = page.getByRole("region", { name: "Invite a staff member" });
  await inviteForm.getByLabel("Full name").fill(invitee.name);
  await inviteForm.getByLabel("Work email").fill(invitee.email);
  await inviteForm.getByLabel("Role").selectOption({ label: "Front desk" });
  await inviteForm.getByLabel("Organization").selectOption({ label: "Riverside Community Hospital" });
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("status")).toContainText(`Invitation sent to ${invitee.name}`);
  await expect(staffCard(page, invitee.name)).toContainText("Invitation sent; the link works until");

  const email = await waitForEmail(invitee.email);
  expect(email.subject).toBe("You are invited to Carrier");
  expect(email.text).toContain(`${admin.name} invited you to work in Carrier for Riverside Community Hospital`);
  const link = invitationLinkIn(email);

  const inviteeContext = await browser.newContext();
  const inviteePage = await inviteeContext.newPage();
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole("heading", { level: 1 })).toHaveText("Choose your password");
  await expect(inviteePage.getByText(invitee.email)).toBeVisible();
  await inviteePage.getByLabel("New password").fill("too short");
  await inviteePage.getByLabel("Type the password again").fill("too short");
  await inviteePage.getByRole("button", { name: "Set password" }).click();
  await expect(inviteePage.getByLabel("New password")).toHaveAccessibleDescription(/Use at least 12 characters/);
  await inviteePage.getByLabel("New password").fill(invitee.password);
  await inviteePage.getByLabel("Type the password again").fill(invitee.password);
  await inviteePage.getByRole("button", { name: "Set password" }).click();
  await expect(inviteePage.getByRole("heading", { level: 1 })).toHaveText("Your password is set");
  await inviteePage.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(inviteePage).toHaveURL(/\/sign-in\/staff$/);
  await staffSignIn(inviteePage, invitee.email, invitee.password);
  await expect(inviteePage.getByRole("banner")).toContainText(invitee.name);
  await expect(inviteePage.getByRole("banner")).toContainText("Front desk");

  // The link worked once.
  await inviteePage.goto(link);
  await expect(inviteePage.getByRole("heading", { level: 1 })).toHaveText("This invitation link no longer works");

  await page.reload();
  const card = staffCard(page, invitee.name);
  await expect(card).toContainText("Password set");
  await card.getByRole("button", { name: `Deactivate ${invitee.name}` }).click();
  await expect(card.getByText(`Deactivate ${invitee.name}’s account?`)).toBeFocused();
  await card.getByRole("button", { name: `Yes, deactivate ${invitee.name}` }).click();
  await expect(card.getByRole("status")).toContainText("account is deactivated, and they were signed out everywhere");
  await expect(card.getByText("Deactivated", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: `Reactivate ${invitee.name}` })).toBeFocused();

  await inviteePage.goto("/account");
  await expect(inviteePage).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
  await expect(inviteePage.getByRole("banner")).toContainText("Not signed in");
  await staffSignIn(inviteePage, invitee.email, invitee.password);
  await expect(inviteePage.locator("form").getByRole("alert")).toContainText("The email or password is not right");
  await inviteeContext.close();
});

test("an admin makes a front desk member an administrator, who can then manage staff", async ({ page, browser }) => {
  const [admin, colleague] = await Promise.all([createStaff("ADMIN"), createStaff("FRONT_DESK")]);
  await staffSignIn(page, admin.email, admin.password);
  await expect(page.getByRole("banner")).toContainText(admin.name);
  await page.goto("/admin/staff");

  const card = staffCard(page, colleague.name);
  await card.getByLabel(`Role for ${colleague.name}`).selectOption({ label: "Administrator" });
  await card.getByRole("button", { name: `Change role for ${colleague.name}` }).click();
  await expect(card.getByRole("status")).toContainText(`${colleague.name} is now an administrator.`);

  const own = staffCard(page, `${admin.name} (you)`);
  await expect(own).toContainText("Another administrator can change your role or deactivate your account.");
  await expect(own.getByRole("button")).toHaveCount(0);

  const context = await browser.newContext();
  const colleaguePage = await context.newPage();
  await staffSignIn(colleaguePage, colleague.email, colleague.password);
  await expect(colleaguePage.getByRole("banner")).toContainText(colleague.name);
  await colleaguePage.goto("/admin/staff");
  await expect(colleaguePage.getByRole("heading", { level: 1 })).toHaveText("Staff");
  await context.close();
});

test("front desk staff opening the staff page are refused in plain words", async ({ page }) => {
  const frontDesk = await createStaff("FRONT_DESK");
  await staffSignIn(page, frontDesk.email, frontDesk.password);
  await expect(page.getByRole("banner")).toContainText(frontDesk.name);
  await page.goto("/admin/staff");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Managing staff is not available to you");
  await expect(page.getByRole("region", { name: "Invite a staff member" })).toHaveCount(0);
  await expect(page.getByText(frontDesk.email)).toHaveCount(0);
});

test("the staff page is accessible, fits a 375px screen, and names what is wrong in the form", async ({ page }) => {
  const admin = await createStaff("ADMIN");
  const other = await createStaff("FRONT_DESK");
  await staffSignIn(page, admin.email, admin.password);
  await expect(page.getByRole("banner")).toContainText(admin.name);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/admin/staff");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff");
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  const inviteForm = page.getByRole("region", { name: "Invite a staff member" });
  await inviteForm.getByLabel("Work email").fill("not an email");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("alert")).toContainText("Check the highlighted fields.");
  await expect(inviteForm.getByLabel("Full name")).toHaveAccessibleDescription("Enter the person's full name.");
  await expect(inviteForm.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  await inviteForm.getByLabel("Full name").fill("Second Account");
  await inviteForm.getByLabel("Work email").fill(admin.email.toUpperCase());
  // Other tests add organizations: with more than one, the form rightly asks which.
  await inviteForm.getByLabel("Organization").selectOption({ label: "Riverside Community Hospital" });
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByLabel("Work email")).toHaveAccessibleDescription(/An account with this email already exists\./);

  await staffCard(page, other.name).getByRole("button", { name: `Deactivate ${other.name}` }).click();
  await expect(staffCard(page, other.name).getByRole("button", { name: `Yes, deactivate ${other.name}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await staffCard(page, other.name).getByRole("button", { name: "Cancel" }).click();
  await expect(staffCard(page, other.name).getByRole("button", { name: `Deactivate ${other.name}` })).toBeFocused();
});

test("the invitation page is accessible, and says so plainly when a link is dead", async ({ page }) => {
  const token = await invitationFor(`Ines Duarte ${unique()}`);
  await page.goto(`/invitation/${token}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose your password");
  await expectNoAxeViolations(page);

  await page.getByLabel("New password").fill("a long enough password");
  await page.getByLabel("Type the password again").fill("a different long password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByLabel("Type the password again")).toHaveAccessibleDescription(/The two passwords are not the same/);
  await expectNoAxeViolations(page);

  const expired = await invitationFor(`Old Link ${unique()}`, new Date(Date.now() - 60_000));
  for (const dead of [expired, randomBytes(32).toString("base64url"), "not-a-token"]) {
    await page.goto(`/invitation/${dead}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This invitation link no longer works");
    await expect(page.getByText("Ask your administrator for a new one.")).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
