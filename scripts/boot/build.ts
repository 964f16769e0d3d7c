import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { precompressFolder } from "./precompress";

// `npm start` builds only when the sources changed since the last build: a fingerprint of every
// file that goes into the build is kept beside it.

const INPUT_FOLDERS = ["app", "components", "lib", "public", "scripts/build"];
const INPUT_FILES = ["next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma", "scripts/boot/precompress.ts"];
const SKIP = /(\.test\.tsx?$|(^|\/)node_modules\/)/;
const STAMP = ".next/carrier-build.json";

async function listFiles(root: string, folder: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !SKIP.test(file));
}

export async function sourceFingerprint(root: string): Promise<string> {
  const files = [...INPUT_FILES.filter((file) => existsSync(path.join(root, file)))];
  for (const folder of INPUT_FOLDERS) files.push(...(await listFiles(root, folder)));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(file).update("\0").update(await readFile(path.join(root, file))).update("\0");
  }
  return hash.digest("hex");
}

export async function buildIsCurrent(root: string): Promise<boolean> {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) return false;
  try {
    const stamp = JSON.parse(await readFile(path.join(root, STAMP), "utf8")) as { fingerprint?: string };
    return stamp.fingerprint === (await sourceFingerprint(root));
  } catch {
    return false;
  }
}

export async function build(root: string): Promise<void> {
  const fingerprint = await sourceFingerprint(root);
  const nextBin = path.join(path.dirname(createRequire(import.meta.url).resolve("next/package.json")), "dist/bin/next");
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`The app build failed (next build exited with ${code}); see the messages above.`);
  await precompressFolder(path.join(root, ".next/static"));
  await writeFile(path.join(root, STAMP), JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
}

export async function buildIfNeeded(root: string, log: (line: string) => void): Promise<void> {
  if (await buildIsCurrent(root)) return;
  log("Building the app (first start or changed sources): this takes about a minute…");
  await build(root);
}
