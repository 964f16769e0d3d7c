import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The WebAssembly schema engine talks to PostgreSQL through Prisma's pg driver adapter. Three
// things in adapter-pg 7.10 do not fit the engine's use of it, and are mended here:
//  1. the engine's catalog queries return PostgreSQL's internal "char" type (OID 18), which the
//     adapter refuses to decode: such columns are reported as text;
//  2. connectToShadowDb() keeps the connection string, which wins over the database it sets, so the
//     "shadow" would be the main database: a throw-away database is made and reached explicitly;
//  3. executeScript() splits scripts on every ";", breaking function bodies and string literals:
//     scripts go to the server whole, which runs them as one implicit transaction.

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function reportCharAsText(result: unknown): void {
  for (const field of (result as QueryResultLike | undefined)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  }
}

class CatalogFriendlyClient extends pg.Client {
  // pg's query() is overloaded (promise or callback; the pool uses the callback form): mend both.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        reportCharAsText(result);
        (last as (error: unknown, result: unknown) => void)(error, result);
      };
    }
    const call = (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (call instanceof Promise) {
      return call.then((result: unknown) => {
        reportCharAsText(result);
        return result;
      }) as never;
    }
    return call as never;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function withWholeScripts(adapter: Adapter, pool: pg.Pool): Adapter {
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function catalogFriendlyPool(connectionString: string): pg.Pool {
  return new pg.Pool({ connectionString, max: 2, Client: CatalogFriendlyClient });
}

export class MigrationPgAdapterFactory extends PrismaPg {
  private readonly connectionString: string;
  private readonly pool: pg.Pool;
  private readonly shadowPools = new Set<pg.Pool>();

  constructor(connectionString: string) {
    const pool = catalogFriendlyPool(connectionString);
    super(pool, { disposeExternalPool: true });
    this.connectionString = connectionString;
    this.pool = pool;
  }

  override async connect(): Promise<Adapter> {
    return withWholeScripts(await super.connect(), this.pool);
  }

  override async connectToShadowDb(): Promise<Adapter> {
    const database = `carrier_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${quoteIdentifier(database)}`);
    } finally {
      await admin.end();
    }
    const url = new URL(this.connectionString);
    url.pathname = `/${database}`;
    const pool = catalogFriendlyPool(url.toString());
    this.shadowPools.add(pool);
    const shadow = new PrismaPg(pool, { disposeExternalPool: true });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      this.shadowPools.delete(pool);
      const dropper = new pg.Client({ connectionString: this.connectionString });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return withWholeScripts(adapter, pool);
  }

  /** Closes every connection the engine opened, so the process can exit. */
  async end(): Promise<void> {
    await Promise.all([...this.shadowPools].map((pool) => pool.end()));
    if (!this.pool.ended) await this.pool.end();
  }
}
