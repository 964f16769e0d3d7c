import { describeAuditChainReport, verifyAuditChain } from "../lib/audit/verify";
import { createPrismaClient } from "../lib/db/prisma";
import { withDatabase } from "./boot/with-database";

// `npm run audit:verify`: recompute the audit trail's hash chain and name the first broken event.
// Exits with 1 when the trail is broken, so a scheduled check can alert on it.

await withDatabase(async (databaseUrl) => {
  const db = createPrismaClient(databaseUrl);
  try {
    const report = await verifyAuditChain(db);
    console.log(describeAuditChainReport(report));
    if (report.firstBroken) process.exitCode = 1;
    else if (report.checked > 0) console.log(`Latest hash: ${report.lastHash} (keep a copy elsewhere to detect removal of the newest events).`);
  } finally {
    await db.$disconnect();
  }
});
