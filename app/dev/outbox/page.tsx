import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { outboxMessages } from "@/lib/email/outbox";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Outbox (development)", robots: { index: false } };

const when = new Intl.DateTimeFormat("en-US", { timeStyle: "medium" });

// Development only, and only without SMTP: the emails Carrier would have sent, so a developer can
// follow sign-in links. In production this page does not exist.
export default function OutboxPage() {
  const settings = env();
  if (settings.nodeEnv !== "development" || settings.smtpUrl) notFound();
  const messages = outboxMessages();
  return (
    <div className="space-y-8">
      <PageHeading title="Outbox" lead="Emails Carrier would have sent, newest first. Development only: no SMTP_URL is set." />
      {messages.length === 0 ? <p>No emails yet.</p> : null}
      <ol className="flex flex-col gap-4">
        {messages.map((message) => (
          <li key={message.id} className="rounded-xl border border-line bg-surface p-4">
            <p className="font-semibold">{message.subject}</p>
            <p className="text-ink-muted">To {message.to} at {when.format(message.sentAt)}</p>
            <pre className="mt-3 text-sm whitespace-pre-wrap break-all">{message.text}</pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
