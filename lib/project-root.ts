import { existsSync } from "node:fs";
import path from "node:path";

// Scripts run from their source folder (tests) and from a bundle under node_modules/.cache
// (scripts/launch.mjs): find the project by its schema, not by a fixed relative path.
function findProjectRoot(from: string): string {
  let folder = from;
  while (!existsSync(path.join(folder, "prisma", "schema.prisma"))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`Cannot find the Carrier project (prisma/schema.prisma) above ${from}.`);
    folder = parent;
  }
  return folder;
}

export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);
