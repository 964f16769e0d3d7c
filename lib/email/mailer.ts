import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "../env";
import { AppError } from "../errors";
import { addToOutbox } from "./outbox";

// All of Carrier's email goes through here: SMTP when SMTP_URL is set; otherwise the message is
// printed to the server log (and kept for the development outbox page).

export type Email = { to: string; subject: string; text: string; html: string };

let transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

function smtp(url: string): Transporter<SMTPTransport.SentMessageInfo> {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export async function sendEmail(email: Email): Promise<void> {
  const settings = env();
  if (!settings.smtpUrl) {
    console.log(`[email] No SMTP_URL set, so this email was not sent. To: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`);
    if (settings.nodeEnv === "development") addToOutbox({ to: email.to, subject: email.subject, text: email.text });
    return;
  }
  try {
    const result = await smtp(settings.smtpUrl).sendMail({ from: settings.emailFrom, ...email });
    if (result.rejected.length > 0) throw new Error(`rejected by the mail server: ${result.rejected.map((address) => (typeof address === "string" ? address : address.address)).join(", ")}`);
  } catch (error) {
    console.error("[email] sending failed:", error);
    throw new AppError("email_failed", 503, "We could not send the email just now. Please try again in a few minutes.", { cause: error });
  }
}
