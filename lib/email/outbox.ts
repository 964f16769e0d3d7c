// Without SMTP, development keeps the last emails here for the outbox page (/dev/outbox), so a
// developer can follow sign-in links. Never used when SMTP_URL is set.

export type OutboxMessage = { id: number; to: string; subject: string; text: string; sentAt: Date };

const KEEP = 50;
const store = globalThis as typeof globalThis & { carrierOutbox?: OutboxMessage[]; carrierOutboxNext?: number };

export function addToOutbox(message: Omit<OutboxMessage, "id" | "sentAt">): void {
  const outbox = (store.carrierOutbox ??= []);
  store.carrierOutboxNext = (store.carrierOutboxNext ?? 0) + 1;
  outbox.unshift({ ...message, id: store.carrierOutboxNext, sentAt: new Date() });
  outbox.length = Math.min(outbox.length, KEEP);
}

export function outboxMessages(): readonly OutboxMessage[] {
  return store.carrierOutbox ?? [];
}
