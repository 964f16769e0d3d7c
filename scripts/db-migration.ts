import { applyMigrations, createMigration } from "../lib/db/migrations";
import { withDatabase } from "./boot/with-database";

// `npm run db:migration -- NAME`: write prisma/migrations/<timestamp>_NAME/migration.sql from the
// changes in schema.prisma (like `prisma migrate dev --name NAME`), then apply it.

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- NAME   (NAME in lower case, digits and _, e.g. add_api_keys)");
  process.exit(2);
}

await withDatabase(async (databaseUrl) => {
  await applyMigrations(databaseUrl);
  const created = await createMigration(databaseUrl, name);
  if (!created.file) {
    console.log("schema.prisma has no changes: no migration written.");
    return;
  }
  await applyMigrations(databaseUrl);
  console.log(`Wrote and applied ${created.file}`);
});
