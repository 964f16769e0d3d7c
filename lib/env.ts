import path from "node:path";
import { z } from "zod";
import type { S3Settings } from "./storage/s3-store";

// Carrier's settings, read once from the environment and validated. A missing or malformed setting
// stops the app with one sentence that names it (README lists every setting).

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const booleanSetting = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === "") return fallback;
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      context.addIssue({ code: "custom", message: `${name} must be true or false, not "${value}".` });
      return z.NEVER;
    });

const postgresUrl = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value.trim() === "") return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      url = new URL("invalid:");
    }
    if (!/^postgres(ql)?:$/.test(url.protocol) || !url.hostname || url.pathname.length < 2) {
      context.addIssue({
        code: "custom",
        message: "DATABASE_URL is not a valid PostgreSQL URL: use postgresql://USER:PASSWORD@HOST:5432/DATABASE, or leave it unset to use the embedded database.",
      });
      return z.NEVER;
    }
    return value;
  });

const portSetting = (name: string, fallback?: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === "") return fallback;
      const port = Number(value);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        context.addIssue({ code: "custom", message: `${name} must be a port number between 1 and 65535, not "${value}".` });
        return z.NEVER;
      }
      return port;
    });

const urlSetting = (name: string, protocols: RegExp, example: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === "") return undefined;
      try {
        const url = new URL(value);
        if (protocols.test(url.protocol) && url.hostname) return value;
      } catch {
        // reported below
      }
      context.addIssue({ code: "custom", message: `${name} is not a valid URL: use ${example}.` });
      return z.NEVER;
    });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { message: "NODE_ENV must be development, production or test." }).default("production"),
  PORT: portSetting("PORT", 3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: postgresUrl,
  CARRIER_DATA_DIR: z.string().min(1).default(".data"),
  STORAGE_DIR: z.string().min(1).optional(),
  EMBEDDED_POSTGRES_PORT: portSetting("EMBEDDED_POSTGRES_PORT"),
  SEED_DEMO: booleanSetting("SEED_DEMO", true),
  PUBLIC_URL: urlSetting("PUBLIC_URL", /^https?:$/, "the address people open Carrier at, such as https://carrier.example.org"),
  AUTH_SECRET: z
    .string()
    .optional()
    .refine((value) => value === undefined || value === "" || value.length >= 32, { message: "AUTH_SECRET must be at least 32 characters long; leave it unset to have Carrier make one." }),
  SMTP_URL: urlSetting("SMTP_URL", /^smtps?:$/, "smtp://USER:PASSWORD@HOST:587 (or smtps:// for TLS from the start)"),
  EMAIL_FROM: z.string().min(3).default("Carrier <no-reply@localhost>"),
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: urlSetting("S3_ENDPOINT", /^https?:$/, "the object store's address, such as https://minio.example.org:9000"),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.string().optional(),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Undefined: Carrier starts its embedded PostgreSQL. */
  databaseUrl: string | undefined;
  /** Fixed port for the embedded database; a free one is picked when undefined. */
  embeddedPostgresPort: number | undefined;
  dataDir: string;
  storageDir: string;
  seedDemo: boolean;
  /** Where people reach Carrier; links in emails point here. */
  publicUrl: string;
  /** Signs session cookies; undefined until the start script supplies one. */
  authSecret: string | undefined;
  /** Undefined: emails are printed to the server log (and, in development, the outbox page). */
  smtpUrl: string | undefined;
  emailFrom: string;
  /** Set when images are kept in S3-compatible object storage instead of storageDir. */
  s3: S3Settings | undefined;
};

function s3Settings(settings: z.output<typeof schema>): S3Settings | undefined {
  const bucket = settings.S3_BUCKET?.trim();
  if (!bucket) return undefined;
  if (!!settings.S3_ACCESS_KEY_ID !== !!settings.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError("Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither (to use the machine's AWS credentials).");
  }
  const forcePathStyle = booleanSetting("S3_FORCE_PATH_STYLE", settings.S3_ENDPOINT !== undefined).safeParse(settings.S3_FORCE_PATH_STYLE);
  if (!forcePathStyle.success) throw new ConfigError(forcePathStyle.error.issues[0]?.message ?? "S3_FORCE_PATH_STYLE must be true or false.");
  return {
    bucket,
    region: settings.S3_REGION,
    endpoint: settings.S3_ENDPOINT,
    accessKeyId: settings.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: settings.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: forcePathStyle.data,
  };
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(issue?.message ?? "The configuration is not valid.");
  }
  const settings = result.data;
  const dataDir = path.resolve(cwd, settings.CARRIER_DATA_DIR);
  return {
    nodeEnv: settings.NODE_ENV,
    port: settings.PORT ?? 3000,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL,
    embeddedPostgresPort: settings.EMBEDDED_POSTGRES_PORT,
    dataDir,
    storageDir: path.resolve(cwd, settings.STORAGE_DIR ?? path.join(dataDir, "storage")),
    seedDemo: settings.SEED_DEMO,
    publicUrl: (settings.PUBLIC_URL ?? `http://localhost:${settings.PORT ?? 3000}`).replace(/\/+$/, ""),
    authSecret: settings.AUTH_SECRET || undefined,
    smtpUrl: settings.SMTP_URL,
    emailFrom: settings.EMAIL_FROM,
    s3: s3Settings(settings),
  };
}

let cached: Env | undefined;

/** The validated settings of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
