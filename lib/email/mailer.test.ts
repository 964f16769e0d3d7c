import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startMailCatcher, type MailCatcher } from "../../scripts/test/mail-catcher";

// Real SMTP: Carrier's mailer talks to an smtp-server started here.

let folder: string;
let catcher: MailCatcher;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "carrier-mail-"));
  catcher = await startMailCatcher(folder);
});
afterAll(async () => {
  await catcher.close();
  await rm(folder, { recursive: true, force: true });
});

async function loadMailer(settings: Record<string, string | undefined>) {
  vi.resetModules();
  vi.stubEnv("SMTP_URL", settings.SMTP_URL ?? "");
  vi.stubEnv("EMAIL_FROM", "Carrier <carrier@example.org>");
  const { sendEmail } = await import("./mailer");
  const { signInLinkEmail } = await import("./templates");
  return { sendEmail, signInLinkEmail };
}

describe("the mailer", () => {
  it("delivers over SMTP, in text and HTML, with the link intact", async () => {
    const { sendEmail, signInLinkEmail } = await loadMailer({ SMTP_URL: catcher.url });
    const url = "http://localhost:3000/api/auth/callback/email?token=abc&email=alex%40example.org";
    await sendEmail({ to: "alex@example.org", ...signInLinkEmail(url, 15) });

    const [file] = await readdir(folder);
    const message = await simpleParser(await readFile(path.join(folder, file!)));
    expect(message.subject).toBe("Your Carrier sign-in link");
    expect(message.from?.value).toEqual([{ name: "Carrier", address: "carrier@example.org" }]);
    expect(message.text).toContain(url);
    expect(message.html).toContain(url.replaceAll("&", "&#38;"));
  });

  it("says so in words when the mail server cannot be reached", async () => {
    await catcher.close();
    const { sendEmail } = await loadMailer({ SMTP_URL: catcher.url });
    await expect(sendEmail({ to: "alex@example.org", subject: "s", text: "t", html: "<p>t</p>" })).rejects.toThrow("We could not send the email just now");
    catcher = await startMailCatcher(folder);
  });
});
