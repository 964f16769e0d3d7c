import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { applyMigrations } from "../lib/db/migrations";
import { createPrismaClient, type Database } from "../lib/db/prisma";
import { LocalBlobStore } from "../lib/storage/local-store";
import { createDatabase, dropDatabase } from "../scripts/test/databases";
import { DEMO, seedDemo } from "./seed";

const adminUrl = inject("adminDatabaseUrl");
let databaseUrl: string;
let prisma: Database;
let storageDir: string;

beforeAll(async () => {
  databaseUrl = await createDatabase(adminUrl, "carrier_seed");
  await applyMigrations(databaseUrl);
  prisma = createPrismaClient(databaseUrl);
  storageDir = await mkdtemp(path.join(os.tmpdir(), "carrier-seed-"));
});

afterAll(async () => {
  await prisma.$disconnect();
  await dropDatabase(adminUrl, databaseUrl);
  await rm(storageDir, { recursive: true, force: true });
});

describe("demo seed", () => {
  it("fills an empty database with the demo, and only once", async () => {
    const storage = new LocalBlobStore(storageDir);
    expect(await seedDemo(prisma, storage, "a demo password for staff")).toBe(true);
    expect(await seedDemo(prisma, storage, "a demo password for staff")).toBe(false);

    const users = await prisma.user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((user) => [user.email, user.role])).toEqual([
      [DEMO.adminEmail, "ADMIN"],
      [DEMO.patientEmail, "PATIENT"],
      [DEMO.clinicianEmail, "CLINICIAN"],
      [DEMO.frontDeskEmail, "FRONT_DESK"],
    ]);
    expect(await prisma.organization.count()).toBe(1);
    expect(await prisma.destination.count()).toBe(2);
    const patient = await prisma.patient.findFirstOrThrow({ include: { user: true, identifiers: true } });
    expect(patient.user?.email).toBe(DEMO.patientEmail);
    expect(patient.identifiers).toHaveLength(1);
    const staff = users.filter((user) => user.role === "ADMIN" || user.role === "FRONT_DESK");
    for (const member of staff) expect(await verifyPassword(member.passwordHash, "a demo password for staff")).toBe(true);
    expect(users.filter((user) => user.role === "PATIENT" || user.role === "CLINICIAN").every((user) => user.passwordHash === null)).toBe(true);
  });

  it("stores a synthetic CT series whose files match the index", async () => {
    const storage = new LocalBlobStore(storageDir);
    const study = await prisma.study.findFirstOrThrow({ include: { series: { include: { instances: { orderBy: { instanceNumber: "asc" } } } } } });
    expect(study).toMatchObject({ description: DEMO.studyDescription, modalities: ["CT"], status: "COMPLETE", numberOfSeries: 1 });
    const instances = study.series[0]!.instances;
    expect(instances).toHaveLength(study.numberOfInstances);
    expect(instances.map((instance) => instance.instanceNumber)).toEqual(instances.map((_, index) => index + 1));

    let total = 0n;
    for (const instance of instances) {
      const bytes = await buffer(await storage.get(instance.storageKey));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(instance.sha256);
      expect(BigInt(bytes.byteLength)).toBe(instance.bytes);
      expect(bytes.subarray(128, 132).toString("latin1")).toBe("DICM");
      total += instance.bytes;
    }
    expect(study.totalBytes).toBe(total);
  });
});
