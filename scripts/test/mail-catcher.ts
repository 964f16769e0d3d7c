import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server for tests (the npm smtp-server package): Carrier's mailer talks SMTP to it,
// and each message it receives lands as a .eml file in `folder`, where tests read it.

export type MailCatcher = { port: number; url: string; close: () => Promise<void> };

export async function startMailCatcher(folder: string): Promise<MailCatcher> {
  await mkdir(folder, { recursive: true });
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        received += 1;
        // Written whole, then renamed by the name: a reader never sees half a message.
        const name = `${String(received).padStart(5, "0")}-${Date.now()}.eml`;
        const partial = path.join(folder, `.${name}`);
        writeFile(partial, Buffer.concat(chunks))
          .then(() => rename(partial, path.join(folder, name)))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
