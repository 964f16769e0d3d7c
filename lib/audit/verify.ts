import type { Database } from "../db/prisma.ts";
import { chainFieldsOf, chainHash, GENESIS_HASH } from "./chain.ts";

// Walks the audit trail in id order, a batch at a time (memory stays bounded however long the
// trail), and finds the first event whose contents or link to the event before it do not hold.
// The chain cannot show that the newest events were removed: keep `lastHash` somewhere else to
// detect that.

export type BrokenAuditLink = { id: bigint; occurredAt: Date; reason: string };

export type AuditChainReport = {
  checked: number;
  firstBroken?: BrokenAuditLink;
  /** Hash of the last event checked (the genesis value when there are none). */
  lastHash: string;
};

export const CONTENTS_CHANGED = "its contents were changed after it was written";
export const PREVIOUS_MISSING = "the event before it is missing or was changed";

export async function verifyAuditChain(db: Pick<Database, "auditEvent">, { batchSize = 1000 }: { batchSize?: number } = {}): Promise<AuditChainReport> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive whole number, not ${batchSize}.`);
  let checked = 0;
  let previousHash = GENESIS_HASH;
  let afterId: bigint | undefined;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const row of batch) {
      checked += 1;
      const broken = (reason: string) => ({ checked, lastHash: previousHash, firstBroken: { id: row.id, occurredAt: row.occurredAt, reason } });
      if (chainHash(row.prevHash, chainFieldsOf(row)) !== row.hash) return broken(CONTENTS_CHANGED);
      if (row.prevHash !== previousHash) return broken(PREVIOUS_MISSING);
      previousHash = row.hash;
      afterId = row.id;
    }
    if (batch.length < batchSize) return { checked, lastHash: previousHash };
  }
}

/** One sentence for people: what `npm run audit:verify` prints. */
export function describeAuditChainReport(report: AuditChainReport): string {
  const { checked, firstBroken } = report;
  if (!firstBroken) return `Audit trail intact: ${checked} ${checked === 1 ? "event" : "events"} checked.`;
  return `Audit trail broken at event #${firstBroken.id} (${firstBroken.occurredAt.toISOString()}): ${firstBroken.reason}.`;
}
