import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { createSession } from "../../lib/auth/sessions";
import { e2ePaths } from "../../scripts/test/e2e-paths";
import { e2eDatabase } from "./accounts";

// For specs about what comes after sign-in (the viewer's pictures): a session made as the emailed
// link makes it, and its cookie put in the browser, without the four pages of the link's journey
// (sign-in.spec.ts walks those). On a 2-core machine that journey costs seconds a test.

const COOKIE = "authjs.session-token";

function authSecret(): string {
  return process.env.AUTH_SECRET ?? readFileSync(path.join(e2ePaths().dataDir, "auth-secret"), "utf8").trim();
}

export async function signInWithSession(page: Page, account: { id: string }): Promise<void> {
  const sessionId = await createSession(e2eDatabase(), { userId: account.id, method: "EMAIL_LINK", client: {} });
  const token = await encode({ token: { sub: account.id, sid: sessionId }, secret: authSecret(), salt: COOKIE });
  const baseUrl = JSON.parse(readFileSync(e2ePaths().stateFile, "utf8")) as { baseUrl: string };
  await page.context().addCookies([{ name: COOKIE, value: token, url: baseUrl.baseUrl, httpOnly: true, sameSite: "Lax" }]);
}
