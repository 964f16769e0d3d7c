import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../lib/db/migrations";
import { createDatabase, dropDatabase, startTestDatabaseServer } from "./databases";

// One migrated database for the whole vitest run; tests that need an empty one make their own
// from adminDatabaseUrl.

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestDatabaseServer();
  const databaseUrl = await createDatabase(server.adminUrl);
  await applyMigrations(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", server.adminUrl);
  return async () => {
    await dropDatabase(server.adminUrl, databaseUrl);
    await server.stop();
  };
}
