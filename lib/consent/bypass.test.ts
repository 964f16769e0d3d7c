import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../project-root";

// Nothing leaves Carrier without authorize(): any source file that creates a Transfer or a
// ShareLink, or records a disclosure to someone other than the actor (a delivery, a gateway
// retrieve, a share-link open, any event naming a recipient), must ask lib/consent's authorize()
// itself. Tests, test support and the audit writer are not channels.

/** Files that disclose without asking, each with the reason it may. Keep this empty if you can. */
const ALLOWED_WITHOUT_AUTHORIZE: Record<string, string> = {};

const DISCLOSURES: { what: string; pattern: RegExp }[] = [
  { what: "creates a Transfer", pattern: /\.transfer\s*\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(/ },
  { what: "creates a ShareLink", pattern: /\.shareLink\s*\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(/ },
  { what: "inserts a Transfer or ShareLink in SQL", pattern: /INSERT\s+INTO\s+"?(Transfer|ShareLink)"?[\s(]/i },
  { what: "records a disclosure to another recipient", pattern: /\brecipientDisplay\s*:/ },
  { what: "records a delivery, gateway or share-link disclosure", pattern: /["'](transfer\.deliver|gateway\.query|gateway\.retrieve|share\.open)["']/ },
];

const ASKS_AUTHORIZE = /import\s*\{[^}]*\bauthorize\b[^}]*\}\s*from\s*["'][^"']*consent\/authorize["'][\s\S]*\bauthorize\s*\(/;
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const NOT_CHANNELS = [/\.test\.tsx?$/, /(^|\/)test-support\.ts$/, /^lib\/db\/generated\//, /^lib\/audit\//, /^scripts\/test\//, /^e2e\//];

function bypasses(file: string, source: string): string[] {
  if (ASKS_AUTHORIZE.test(source)) return [];
  return DISCLOSURES.filter(({ pattern }) => pattern.test(source)).map(({ what }) => `${file} ${what} without asking authorize()`);
}

function sourceFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) found.push(...sourceFiles(root, relative));
    } else if (SOURCE.test(entry.name) && !NOT_CHANNELS.some((pattern) => pattern.test(relative))) found.push(relative);
  }
  return found;
}

describe("no disclosure goes around authorize()", () => {
  it("the scan finds a bypass, and accepts code that asks", () => {
    expect(bypasses("lib/routing/send.ts", "await tx.transfer.create({ data })")).toEqual(["lib/routing/send.ts creates a Transfer without asking authorize()"]);
    expect(bypasses("lib/sharing/link.ts", "return db.shareLink\n  .create({ data })")).toHaveLength(1);
    expect(bypasses("lib/gateway/xca.ts", 'await recordAuditEvent(tx, { actor, action: "gateway.retrieve", patientId })')).toHaveLength(1);
    expect(bypasses("lib/x.ts", 'await tx.$executeRaw`INSERT INTO "ShareLink" (id) VALUES (1)`')).toHaveLength(1);
    expect(bypasses("lib/x.ts", "recordAuditEvent(tx, { actor, action: 'study.view', recipientDisplay: name })")).toHaveLength(1);
    const asks = 'import { authorize } from "../consent/authorize";\nconst decision = await authorize(tx, request);\nawait tx.transfer.create({ data });';
    expect(bypasses("lib/routing/send.ts", asks)).toEqual([]);
    // Importing it is not enough: it must be called.
    expect(bypasses("lib/routing/send.ts", 'import { authorize } from "@/lib/consent/authorize";\nawait tx.transfer.create({ data });')).toHaveLength(1);
  });

  it("every source file that discloses asks authorize()", () => {
    const root = PROJECT_ROOT;
    const files = ["app", "lib", "components", "scripts"].flatMap((folder) => sourceFiles(root, folder));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => (file in ALLOWED_WITHOUT_AUTHORIZE ? [] : bypasses(file, readFileSync(path.join(root, file), "utf8"))));
    expect(found).toEqual([]);
  });
});
