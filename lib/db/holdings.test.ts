import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "./prisma";

// DICOM UIDs are unique within one patient's holdings, never across accounts: one account's upload
// must not block, shadow or overwrite another's copy of the same study.

const prisma = createPrismaClient(inject("databaseUrl"));
afterAll(() => prisma.$disconnect());

let counter = 0;
const uid = (root: string) => `${root}.${Date.now()}.${++counter}`;

async function patient(givenName: string) {
  return prisma.patient.create({ data: { givenName, familyName: "Holdings", birthDate: new Date("1960-02-29") } });
}

async function studyWithInstance(patientId: string, studyUid: string, seriesUid: string, sopUid: string) {
  return prisma.study.create({
    data: {
      patientId,
      studyInstanceUid: studyUid,
      source: "UPLOAD",
      series: {
        create: {
          patientId,
          seriesInstanceUid: seriesUid,
          instances: {
            create: {
              patientId,
              sopInstanceUid: sopUid,
              sopClassUid: "1.2.840.10008.5.1.4.1.1.2",
              transferSyntaxUid: "1.2.840.10008.1.2.1",
              bytes: 1024n,
              storageKey: `instances/${sopUid}.dcm`,
              sha256: "0".repeat(64),
              source: "UPLOAD",
            },
          },
        },
      },
    },
  });
}

describe("patient holdings", () => {
  it("let two patients hold the same study, series and instance UIDs", async () => {
    const [alice, bea] = await Promise.all([patient("Alice"), patient("Bea")]);
    const [studyUid, seriesUid, sopUid] = [uid("2.25.1"), uid("2.25.2"), uid("2.25.3")];
    await studyWithInstance(alice.id, studyUid, seriesUid, sopUid);
    await studyWithInstance(bea.id, studyUid, seriesUid, sopUid);

    const copies = await prisma.instance.findMany({ where: { sopInstanceUid: sopUid } });
    expect(copies.map((copy) => copy.patientId).sort()).toEqual([alice.id, bea.id].sort());
  });

  it("refuse a second copy of the same UID within one patient's holdings", async () => {
    const carol = await patient("Carol");
    const [studyUid, seriesUid, sopUid] = [uid("2.25.4"), uid("2.25.5"), uid("2.25.6")];
    await studyWithInstance(carol.id, studyUid, seriesUid, sopUid);

    await expect(studyWithInstance(carol.id, studyUid, uid("2.25.7"), uid("2.25.8"))).rejects.toThrow(/Unique constraint/);
    await expect(studyWithInstance(carol.id, uid("2.25.9"), seriesUid, uid("2.25.10"))).rejects.toThrow(/Unique constraint/);
    await expect(studyWithInstance(carol.id, uid("2.25.11"), uid("2.25.12"), sopUid)).rejects.toThrow(/Unique constraint/);
    expect(await prisma.study.count({ where: { patientId: carol.id } })).toBe(1);
  });
});
