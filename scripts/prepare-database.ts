import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient } from "../lib/db/prisma";
import { parseEnv } from "../lib/env";
import { createBlobStore } from "../lib/storage";
import { DEMO, seedDemo } from "../prisma/seed";

// Brings the database up to date and, on first run, adds the demo. `npm start` runs this in a
// process of its own, so the schema engine and seeding code do not stay in the server's memory.
// Reads DATABASE_URL, STORAGE_DIR, SEED_DEMO ("true"/"false") and DEMO_CREDENTIALS_FILE (where the
// demo staff password is written for the person who started Carrier) from the environment.

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
      // A fresh random password per install: a demo that ends up on a network is not an open door.
      const staffPassword = randomBytes(12).toString("base64url");
      if (await seedDemo(prisma, createBlobStore({ storageDir, s3: parseEnv(process.env).s3 }), staffPassword)) {
        const note = `Demo staff accounts: ${DEMO.frontDeskEmail} (front desk) and ${DEMO.adminEmail} (admin), password ${staffPassword}\nDemo patient: ${DEMO.patientEmail} (signs in with an emailed link)\n`;
        if (process.env.DEMO_CREDENTIALS_FILE) await writeFile(process.env.DEMO_CREDENTIALS_FILE, note, { mode: 0o600 });
        console.log(`Added the demo data (first run). ${note.trim().replaceAll("\n", ". ")}.${process.env.DEMO_CREDENTIALS_FILE ? ` Saved in ${process.env.DEMO_CREDENTIALS_FILE}.` : ""}`);
      }
    } finally {
      await prisma.$disconnect();
    }
  }
} catch (error) {
  console.error(`The database could not be brought up to date: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
