import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor, ShareRecipientActor, UserActor } from "../auth/actor";
import { systemActor } from "../auth/actor";
import { createPrismaClient } from "../db/prisma";
import { syntheticCtSeries } from "../dicom/synthetic-ct";
import { randomDicomUid } from "../dicom/uid";
import { ForbiddenError } from "../errors";
import { createAccount, createOrganization } from "../staff/test-support";
import { LocalBlobStore } from "../storage/local-store";
import { holdFiles } from "../../scripts/test/hold-files";
import { createPatientActor } from "../../scripts/test/patient-account";
import { reachInstance } from "./reach";

// reachInstance finds one instance and its patient's facts in a single raw query, so its SQL
// narrowing (holdingsCondition) stands apart from the Prisma one: each kind of caller is tried
// here on two patients holding the very same UIDs, as a CD copied to two accounts would.

const db = createPrismaClient(inject("databaseUrl"));
const target = { studyUid: randomDicomUid(), seriesUid: randomDicomUid(), sopUid: "" };
let root: string;
let first: UserActor & { patientId: string };
let second: UserActor & { patientId: string };
let organizationId: string;
const studyOf = new Map<string, string>();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "carrier-reach-"));
  const store = new LocalBlobStore(join(root, "storage"));
  await store.ensureRoot();
  const [instance] = syntheticCtSeries({ patient: { name: "Doe^Jo", patientId: "R1", birthDate: "19700101", sex: "F" }, study: { studyInstanceUid: target.studyUid, date: "20260101" }, series: { number: 1, seriesInstanceUid: target.seriesUid }, slices: 1, size: { rows: 16, columns: 16 } });
  target.sopUid = instance!.sopInstanceUid;
  const file = join(root, "one.dcm");
  await writeFile(file, instance!.bytes);
  first = await createPatientActor(db);
  second = await createPatientActor(db);
  for (const holder of [first, second]) {
    expect((await holdFiles(db, store, holder, [file]))[0]!.outcome).toBe("STORED");
    studyOf.set(holder.patientId, (await db.study.findFirstOrThrow({ where: { patientId: holder.patientId, studyInstanceUid: target.studyUid } })).id);
  }
  organizationId = (await createOrganization(db)).id;
  await db.patientIdentifier.create({ data: { patientId: second.patientId, organizationId, system: "MRN", value: `R-${second.patientId}` } });
});
afterAll(async () => {
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

/** Whose copy the actor reaches, or "refused". */
async function reachedPatient(actor: Actor, action: "study.view" | "study.download" = "study.view"): Promise<string> {
  try {
    const { study, instance } = await reachInstance(db, actor, action, target);
    expect(instance).toMatchObject({ sopInstanceUid: target.sopUid, seriesInstanceUid: target.seriesUid });
    expect(instance.transferSyntaxUid).toMatch(/^1\.2\.840\.10008\.1\.2/);
    expect(typeof instance.bytes).toBe("bigint");
    expect(study.id).toBe(studyOf.get(study.patientId));
    return study.patientId;
  } catch (error) {
    if (error instanceof ForbiddenError) return "refused";
    throw error;
  }
}

function recipient(patientId: string, studyIds: string[]): ShareRecipientActor {
  return { kind: "share-recipient", shareLinkId: "00000000-0000-4000-8000-000000000000", patientId, studyIds, allowDownload: false, displayName: "Dr. Test", client: {} };
}

describe("reaching one instance", () => {
  it("gives each patient their own copy of the same UIDs", async () => {
    expect(await reachedPatient(first)).toBe(first.patientId);
    expect(await reachedPatient(second)).toBe(second.patientId);
  });

  it("gives a share recipient only the shared study of the sharing patient", async () => {
    expect(await reachedPatient(recipient(second.patientId, [studyOf.get(second.patientId)!]))).toBe(second.patientId);
    // The other patient's copy of the same study was not shared.
    expect(await reachedPatient(recipient(second.patientId, [studyOf.get(first.patientId)!]))).toBe("refused");
    expect(await reachedPatient(recipient(second.patientId, []))).toBe("refused");
  });

  it("gives front desk staff the patients registered at their organization, and nobody's to a clinician", async () => {
    const { actor: desk } = await createAccount(db, "FRONT_DESK", organizationId);
    expect(await reachedPatient(desk)).toBe(second.patientId);
    const { actor: elsewhere } = await createAccount(db, "FRONT_DESK", (await createOrganization(db)).id);
    expect(await reachedPatient(elsewhere)).toBe("refused");
    const { actor: clinician } = await createAccount(db, "CLINICIAN");
    expect(await reachedPatient(clinician)).toBe("refused");
  });

  it("gives an administrator only the patients opened with a reason", async () => {
    const { actor: admin } = await createAccount(db, "ADMIN", organizationId);
    expect(await reachedPatient(admin)).toBe("refused");
    expect(await reachedPatient({ ...admin, accessReasons: { [first.patientId]: "Patient asked us to check a missing study" } })).toBe(first.patientId);
  });

  it("finds an instance filed into a series after the series was first asked for", async () => {
    const late = { studyUid: randomDicomUid(), seriesUid: randomDicomUid() };
    const files: string[] = [];
    for (const instance of syntheticCtSeries({ patient: { name: "Doe^Jo", patientId: "R1", birthDate: "19700101", sex: "F" }, study: { studyInstanceUid: late.studyUid, date: "20260101" }, series: { number: 1, seriesInstanceUid: late.seriesUid }, slices: 2, size: { rows: 16, columns: 16 } })) {
      const file = join(root, `${instance.sopInstanceUid}.dcm`);
      await writeFile(file, instance.bytes);
      files.push(file);
    }
    const store = new LocalBlobStore(join(root, "storage"));
    await holdFiles(db, store, first, [files[0]!]);
    const [firstSop, secondSop] = files.map((file) => file.split("/").at(-1)!.replace(/\.dcm$/, ""));
    expect((await reachInstance(db, first, "study.view", { ...late, sopUid: firstSop! })).instance.sopInstanceUid).toBe(firstSop);
    await expect(reachInstance(db, first, "study.view", { ...late, sopUid: secondSop! })).rejects.toThrow(ForbiddenError);
    await holdFiles(db, store, first, [files[1]!]);
    expect((await reachInstance(db, first, "study.view", { ...late, sopUid: secondSop! })).instance.sopInstanceUid).toBe(secondSop);
  });

  it("gives Carrier's own work the first copy filed", async () => {
    expect(await reachedPatient(systemActor("test: the first copy filed"))).toBe(first.patientId);
  });
});
