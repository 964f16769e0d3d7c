import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

// A Prisma client over the pg driver adapter (Prisma 7 needs no native engine). Scripts (start,
// seed, tests) create their own; the app uses the one in lib/db/index.ts.

export type Database = PrismaClient;

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
}
