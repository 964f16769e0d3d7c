// Runs one of the project's TypeScript scripts with plain Node: esbuild bundles the project's own
// code (packages stay external) into a throw-away file, which is then imported. Keeps a TypeScript
// loader out of the long-running server's memory. Usage: node scripts/launch.mjs scripts/X.ts [args]
import { build } from "esbuild";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
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
// Bundles of processes that were killed outright are left behind: remove those of dead processes.
for (const name of readdirSync(folder)) {
  const pid = Number(/-(\d+)\.mjs$/.exec(name)?.[1]);
  if (!pid) continue;
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(path.join(folder, name), { force: true });
  }
}
// `import "server-only"` keeps modules out of browser bundles; a Node script is the server, so the
// guard (which throws outside Next's server build) is met and bundled as an empty module.
const serverOnlyIsMet = {
  name: "server-only-is-met",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "met" }));
    build.onLoad({ filter: /.*/, namespace: "met" }, () => ({ contents: "", loader: "js" }));
  },
};
const outfile = path.join(folder, `${path.basename(entry, ".ts")}-${process.pid}.mjs`);
await build({
  entryPoints: [path.resolve(root, entry)],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
  plugins: [serverOnlyIsMet],
});
process.argv = [process.argv[0], path.resolve(root, entry), ...args];
// On exit rather than after the import: scripts may end the process themselves.
process.on("exit", () => rmSync(outfile, { force: true }));
await import(pathToFileURL(outfile).href);
