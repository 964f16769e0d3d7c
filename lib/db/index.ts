import "server-only";
import { createPrismaClient, type Database } from "./prisma";

// The app's one Prisma client. The start script puts the database URL (the embedded server's, or
// DATABASE_URL) in the environment before the app loads. Cached on globalThis so that development
// reloads do not open a new pool each time.

const cache = globalThis as typeof globalThis & { carrierDb?: Database };

export function db(): Database {
  if (!cache.carrierDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Carrier with `npm start` or `npm run dev`.");
    cache.carrierDb = createPrismaClient(url);
  }
  return cache.carrierDb;
}
