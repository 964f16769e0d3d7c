// Runs one of the project's TypeScript scripts with plain Node: esbuild bundles the project's own
// code (packages stay external) into a throw-away file, which is then imported. Keeps a TypeScript
// loader out of the long-running server's memory. Usage: node scripts/launch.mjs scripts/X.ts [args]
import { buildSync } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("Usage: node scripts/launch.mjs scripts/NAME.ts [arguments]");
  process.exit(2);
}
const folder = path.join(root, "node_modules", ".cache", "carrier");
mkdirSync(folder, { recursive: true });
const outfile = path.join(folder, `${path.basename(entry, ".ts")}-${process.pid}.mjs`);
buildSync({
  entryPoints: [path.resolve(root, entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
