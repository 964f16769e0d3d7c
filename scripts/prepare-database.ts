import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { LocalBlobStore } from "../lib/storage/local-store";
import { seedDemo } from "../prisma/seed";

// Brings the database up to date and, on first run, adds the demo. `npm start` runs this in a
// process of its own, so the schema engine and seeding code do not stay in the server's memory.
// Reads DATABASE_URL, STORAGE_DIR and SEED_DEMO ("true"/"false") from the environment.

const databaseUrl = process.env.DATABASE_URL;
const storageDir = process.env.STORAGE_DIR;
if (!databaseUrl || !storageDir) {
  console.error("prepare-database needs DATABASE_URL and STORAGE_DIR.");
  process.exit(2);
}

try {
  const applied = await applyMigrations(databaseUrl);
  if (applied.length > 0) console.log(`Applied ${applied.length} database migration(s): ${applied.join(", ")}.`);
  if (process.env.SEED_DEMO !== "false") {
    const prisma = createPrismaClient(databaseUrl);
    try {
      if (await seedDemo(prisma, new LocalBlobStore(storageDir))) console.log("Added the demo data (first run).");
    } finally {
      await prisma.$disconnect();
    }
  }
} catch (error) {
  console.error(`The database could not be brought up to date: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
