import { watch } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { e2ePaths } from "../../scripts/test/e2e-paths";

// Reads the messages the test SMTP server received (scripts/test/mail-catcher.ts).

export type ReceivedEmail = { file: string; to: string; subject: string; text: string };

async function readAll(): Promise<ReceivedEmail[]> {
  const { mailDir } = e2ePaths();
  const files = (await readdir(mailDir)).filter((name) => name.endsWith(".eml") && !name.startsWith(".")).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await readFile(path.join(mailDir, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(", ") : (parsed.to?.text ?? "");
      return { file, to, subject: parsed.subject ?? "", text: parsed.text ?? "" };
    }),
  );
}

export async function emailsTo(address: string): Promise<ReceivedEmail[]> {
  return (await readAll()).filter((email) => email.to.toLowerCase().includes(address.toLowerCase()));
}

/** Waits (on file-system events, not a timer loop) for the first message to `address` after `seen` of them. */
export async function waitForEmail(address: string, seen = 0, timeoutMs = 15_000): Promise<ReceivedEmail> {
  const { mailDir } = e2ePaths();
  const watcher = watch(mailDir);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matching = await emailsTo(address);
      if (matching.length > seen) return matching[seen]!;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`No email to ${address} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        watcher.once("change", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  } finally {
    watcher.close();
  }
}

export function linkIn(email: ReceivedEmail): string {
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/.exec(email.text)?.[0];
  if (!link) throw new Error(`No sign-in link in: ${email.text}`);
  return link;
}
