import { Prisma, type AuditEvent } from "../db/generated/client.ts";
import type { Database } from "../db/prisma.ts";
import { chainHash, GENESIS_HASH } from "./chain.ts";
import { auditFields, type AuditEventInput } from "./fields.ts";

// The one writer of audit events. A disclosure is recorded in the same transaction as the act, so
// that neither exists without the other: callers pass their transaction. Writers take one
// transaction-scoped advisory lock so that each new row links to the row committed before it;
// the lock is held until the caller's transaction ends, so record the event as its last step.

export type AuditTransaction = Prisma.TransactionClient;

/** The audit chain's lock: any fixed 64-bit key that nothing else uses ("Carrier" in ASCII). */
const AUDIT_CHAIN_LOCK = 0x43617272696572n;

export async function recordAuditEvent(tx: AuditTransaction, input: AuditEventInput): Promise<AuditEvent> {
  const [locked] = await tx.$queryRaw<{ isolation: string }[]>`
    SELECT current_setting('transaction_isolation') AS isolation FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})) AS chain_lock`;
  // Under a snapshot older than the lock (repeatable read, serializable) the latest row may be
  // invisible, and two events would link to the same predecessor.
  if (locked?.isolation !== "read committed") {
    throw new Error(`Audit events need a READ COMMITTED transaction, not ${locked?.isolation ?? "an unknown one"}: the chain would fork.`);
  }
  const latest = await tx.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = latest?.hash ?? GENESIS_HASH;
  // Taken under the lock, so the times along the chain never run backwards on one clock.
  const fields = auditFields(input, new Date());
  return tx.auditEvent.create({
    data: { ...fields, detail: fields.detail ?? Prisma.DbNull, prevHash, hash: chainHash(prevHash, fields) },
  });
}

// Writers queue for the chain lock and for a pooled connection; Prisma's defaults (2 s to get a
// connection) would drop events from a burst of sign-ins, and an event must not be lost to a queue.
// Use these options for every transaction that records an event.
export const AUDITED_TRANSACTION = { maxWait: 10_000, timeout: 10_000 };

/** For events tied to no other write (a sign-in, a failed PIN): records it in a transaction of its own. */
export async function recordAudit(db: Database, input: AuditEventInput): Promise<AuditEvent> {
  return db.$transaction((tx) => recordAuditEvent(tx, input), AUDITED_TRANSACTION);
}
