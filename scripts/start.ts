import { ConfigError, parseEnv } from "../lib/env";
import { startCarrier } from "./boot/carrier";

// `npm start` (production) and `npm run dev` (--dev): see README for the settings.

const dev = process.argv.includes("--dev");
// Next.js types NODE_ENV as read-only; it must be set before Next loads.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const log = (line: string) => console.log(`[carrier] ${line}`);

function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`Carrier could not start: ${error.message}`);
  } else {
    console.error("Carrier could not start because of an unexpected error:");
    console.error(error);
  }
  process.exit(1);
}

async function main(): Promise<void> {
  const settings = parseEnv(process.env);
  const carrier = await startCarrier(settings, { dev, log });
  log(`Carrier is ready at ${carrier.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    carrier.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch(fail);
