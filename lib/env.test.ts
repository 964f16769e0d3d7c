import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("settings", () => {
  it("have defaults that run a local demo", () => {
    expect(parseEnv({}, "/srv/carrier")).toEqual({
      nodeEnv: "production",
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      embeddedPostgresPort: undefined,
      dataDir: "/srv/carrier/.data",
      storageDir: "/srv/carrier/.data/storage",
      seedDemo: true,
      publicUrl: "http://localhost:3000",
      authSecret: undefined,
      smtpUrl: undefined,
      emailFrom: "Carrier <no-reply@localhost>",
    });
  });

  it("are read from the environment", () => {
    const settings = parseEnv(
      { PORT: "8080", HOST: "0.0.0.0", DATABASE_URL: "postgresql://carrier:pw@db.internal:5432/carrier", CARRIER_DATA_DIR: "/var/lib/carrier", STORAGE_DIR: "blobs", SEED_DEMO: "no" },
      "/srv/carrier",
    );
    expect(settings).toMatchObject({ port: 8080, host: "0.0.0.0", databaseUrl: "postgresql://carrier:pw@db.internal:5432/carrier", dataDir: "/var/lib/carrier", seedDemo: false });
    expect(settings.storageDir).toBe(path.resolve("/srv/carrier", "blobs"));
  });

  it.each([
    [{ DATABASE_URL: "mysql://db/carrier" }, /^DATABASE_URL is not a valid PostgreSQL URL/],
    [{ DATABASE_URL: "postgresql://db.internal" }, /^DATABASE_URL is not a valid PostgreSQL URL/],
    [{ PORT: "70000" }, /^PORT must be a port number between 1 and 65535, not "70000"\.$/],
    [{ PORT: "3000.5" }, /^PORT must be a port number/],
    [{ EMBEDDED_POSTGRES_PORT: "0" }, /^EMBEDDED_POSTGRES_PORT must be a port number/],
    [{ SEED_DEMO: "maybe" }, /^SEED_DEMO must be true or false, not "maybe"\.$/],
    [{ NODE_ENV: "staging" }, /^NODE_ENV must be development, production or test\.$/],
    [{ PUBLIC_URL: "carrier.example.org" }, /^PUBLIC_URL is not a valid URL/],
    [{ SMTP_URL: "http://mail.example.org" }, /^SMTP_URL is not a valid URL: use smtp:\/\//],
    [{ AUTH_SECRET: "short" }, /^AUTH_SECRET must be at least 32 characters long/],
    [{ S3_BUCKET: "images", S3_ENDPOINT: "minio:9000" }, /^S3_ENDPOINT is not a valid URL/],
    [{ S3_BUCKET: "images", S3_ACCESS_KEY_ID: "key" }, /^Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together/],
    [{ S3_BUCKET: "images", S3_FORCE_PATH_STYLE: "sometimes" }, /^S3_FORCE_PATH_STYLE must be true or false/],
  ])("refuse %j with a sentence naming the setting", (source, message) => {
    expect(() => parseEnv(source)).toThrow(ConfigError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("keeps images in S3-compatible storage when S3_BUCKET is set (path-style addresses when an endpoint is given)", () => {
    expect(parseEnv({}).s3).toBeUndefined();
    expect(parseEnv({ S3_BUCKET: "images", S3_ENDPOINT: "http://127.0.0.1:9000", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret" }).s3).toEqual({
      bucket: "images",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9000",
      accessKeyId: "key",
      secretAccessKey: "secret",
      forcePathStyle: true,
    });
    expect(parseEnv({ S3_BUCKET: "images", S3_REGION: "eu-west-1" }).s3).toMatchObject({ region: "eu-west-1", endpoint: undefined, forcePathStyle: false });
  });
});
