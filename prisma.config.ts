import { defineConfig } from "prisma/config";

// The Prisma CLI wants to download a native schema engine before `generate`, which cannot happen
// offline. `generate` never runs that engine, so point the CLI at one that fails loudly instead
// (/bin/false, never /bin/true: with true, `migrate deploy` would exit 0 having applied nothing).
// Carrier applies migrations itself with the WebAssembly engine (lib/db/migrations). Users with
// internet access can set PRISMA_SCHEMA_ENGINE_BINARY to a real engine and use the CLI as usual.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/carrier" },
});
