import type { Database } from "../db/prisma";
import type { BlobStore } from "../storage/blob-store";

// What /api/health reports: enough for a load balancer or an admin to tell what is down, nothing
// about patients or file paths.

export type ComponentHealth = { status: "ok" | "down"; latencyMs: number; reason?: string };
export type HealthReport = {
  status: "ok" | "degraded";
  app: { status: "ok"; version: string; uptimeSeconds: number };
  database: ComponentHealth;
  storage: ComponentHealth;
};

const TIMEOUT_MS = 3000;

// Reasons shown are generic on purpose (the endpoint is public); the details go to the server log.
async function timed(component: string, publicReason: string, probe: () => Promise<string | undefined>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);
    });
    const problem = await Promise.race([probe(), timeout]);
    const latencyMs = Math.round(performance.now() - started);
    if (!problem) return { status: "ok", latencyMs };
    console.error(`[health] ${component}: ${problem}`);
    return { status: "down", latencyMs, reason: publicReason };
  } catch (error) {
    console.error(`[health] ${component}:`, error);
    return { status: "down", latencyMs: Math.round(performance.now() - started), reason: publicReason };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(database: Database, storage: BlobStore, version: string): Promise<HealthReport> {
  const [databaseHealth, storageHealth] = await Promise.all([
    timed("database", "the database does not answer", async () => {
      await database.$queryRaw`SELECT 1`;
      return undefined;
    }),
    timed("storage", "the storage folder cannot be written", async () => {
      const result = await storage.health();
      return result.ok ? undefined : (result.reason ?? "not writable");
    }),
  ]);
  const healthy = databaseHealth.status === "ok" && storageHealth.status === "ok";
  return {
    status: healthy ? "ok" : "degraded",
    app: { status: "ok", version, uptimeSeconds: Math.round(process.uptime()) },
    database: databaseHealth,
    storage: storageHealth,
  };
}
