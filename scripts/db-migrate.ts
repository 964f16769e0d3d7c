import { applyMigrations } from "../lib/db/migrations";
import { withDatabase } from "./boot/with-database";

// `npm run db:migrate`: apply the migrations in prisma/migrations, like `prisma migrate deploy`.

await withDatabase(async (databaseUrl) => {
  const applied = await applyMigrations(databaseUrl);
  console.log(applied.length === 0 ? "The database is up to date." : `Applied: ${applied.join(", ")}`);
});
