import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { MigrationPgAdapterFactory } from "./pg-driver";

// Prisma's schema engine compiled to WebAssembly, driven through the pg driver adapter: migrations
// work where the CLI cannot download its native engine. The .wasm is the one the installed prisma
// CLI ships, so the SQL it writes and the _prisma_migrations rows it keeps are exactly the CLI's;
// the JS glue comes from @prisma/schema-engine-wasm.

type WasmExports = WebAssembly.Exports & { __wbindgen_start: () => void };
type Glue = typeof glue & { __wbg_set_wasm: (exports: WasmExports) => void };

let loaded = false;

function loadEngineModule(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm");
  const imports: Record<string, unknown> = { ...glue };
  // The engine arms a 10 s timer that would keep a finished process alive: let node exit anyway.
  for (const name of Object.keys(imports)) {
    if (name.startsWith("__wbg_setTimeout_")) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
  }
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WasmExports;
  (glue as Glue).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  loaded = true;
}

export type OpenEngine = {
  engine: SchemaEngine;
  /** Turns the engine's "External error id#N" into the database error it stands for. */
  explain: (error: unknown) => Error;
  close: () => Promise<void>;
};

export async function openSchemaEngine(connectionString: string, schema: { path: string; content: string }): Promise<OpenEngine> {
  loadEngineModule();
  const driver = new MigrationPgAdapterFactory(connectionString);
  const factory = bindMigrationAwareSqlAdapterFactory(driver);
  const log = (_line: string) => {};
  const engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, factory);
  const explain = (error: unknown): Error => {
    const message = error instanceof Error ? error.message : String(error);
    const match = /External error id#(\d+)/.exec(message);
    if (match) {
      const record = factory.errorRegistry.consumeError(Number(match[1]));
      const cause = record?.error;
      if (cause) {
        const detail = cause as { kind?: string; originalMessage?: string; message?: string };
        return new Error(detail.originalMessage ?? detail.message ?? detail.kind ?? message, { cause });
      }
    }
    return error instanceof Error ? error : new Error(message);
  };
  return { engine, explain, close: async () => {
      engine.free();
      await driver.end();
    },
  };
}
