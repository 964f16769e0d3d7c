import { createHash } from "node:crypto";
import { hashPassword } from "../lib/auth/password";
import type { Database } from "../lib/db/prisma";
import { seededDicomUid } from "../lib/dicom/uid";
import { CT_IMAGE_STORAGE, syntheticCtSeries } from "../lib/dicom/synthetic-ct";
import { EXPLICIT_VR_LITTLE_ENDIAN } from "../lib/dicom/part10-write";
import type { BlobStore } from "../lib/storage/blob-store";
import { instanceKey } from "../lib/storage/keys";

// The demo a new install starts with: one hospital, its staff, a patient with a small synthetic CT
// series, a clinician and two destinations. All names and ids are fictional; the images say so
// themselves (Synthetic Data = YES). Runs only on an empty database.

const SEED = "carrier-demo";
export const DEMO = {
  organization: "Riverside Community Hospital",
  patientEmail: "alex.morgan@example.org",
  frontDeskEmail: "frontdesk@example.org",
  adminEmail: "admin@example.org",
  clinicianEmail: "dr.lee@example.org",
  studyDescription: "CT CHEST WITHOUT CONTRAST",
} as const;

async function isEmpty(prisma: Database): Promise<boolean> {
  const [users, organizations, patients] = await Promise.all([prisma.user.count(), prisma.organization.count(), prisma.patient.count()]);
  return users + organizations + patients === 0;
}

/** Adds the demo data when the database is empty; returns whether it did. Staff get `staffPassword`. */
export async function seedDemo(prisma: Database, storage: BlobStore, staffPassword: string): Promise<boolean> {
  if (!(await isEmpty(prisma))) return false;
  const passwordHash = await hashPassword(staffPassword);

  const instances = syntheticCtSeries({
    patient: { name: "Morgan^Alex", patientId: "RCH-0042817", birthDate: "19680412", sex: "F" },
    study: { date: "20261014", time: "101500", accessionNumber: "RCH26-88121", description: DEMO.studyDescription, institution: DEMO.organization, referringPhysician: "Okafor^Grace" },
    series: { description: "Axial 5.0 mm", bodyPart: "CHEST" },
    slices: 12,
    seed: SEED,
  });
  // Blobs first: content-addressed, so a retried seed rewrites the same files harmlessly.
  const stored = await Promise.all(
    instances.map(async (instance) => {
      const sha256 = createHash("sha256").update(instance.bytes).digest("hex");
      const key = instanceKey(sha256);
      await storage.put(key, instance.bytes);
      return { ...instance, sha256, key };
    }),
  );
  const first = stored[0]!;
  const totalBytes = stored.reduce((sum, instance) => sum + BigInt(instance.bytes.byteLength), 0n);

  await prisma.$transaction(async (tx) => {
    const hospital = await tx.organization.create({
      data: {
        name: DEMO.organization,
        homeCommunityId: seededDicomUid(SEED, "home-community"),
        assigningAuthorityOid: seededDicomUid(SEED, "assigning-authority"),
      },
    });
    const [patientUser] = await Promise.all([
      tx.user.create({ data: { email: DEMO.patientEmail, name: "Alex Morgan", role: "PATIENT" } }),
      tx.user.create({ data: { email: DEMO.frontDeskEmail, name: "Sam Rivera", role: "FRONT_DESK", organizationId: hospital.id, passwordHash } }),
      tx.user.create({ data: { email: DEMO.adminEmail, name: "Jordan Kim", role: "ADMIN", organizationId: hospital.id, passwordHash } }),
      tx.user.create({ data: { email: DEMO.clinicianEmail, name: "Dr. Priya Lee", role: "CLINICIAN" } }),
    ]);
    const patient = await tx.patient.create({
      data: {
        givenName: "Alex",
        familyName: "Morgan",
        birthDate: new Date("1968-04-12"),
        sex: "FEMALE",
        email: DEMO.patientEmail,
        userId: patientUser.id,
        identifiers: { create: { organizationId: hospital.id, system: hospital.assigningAuthorityOid!, value: "RCH-0042817" } },
      },
    });
    await tx.destination.createMany({
      data: [
        { name: "Riverside PACS", kind: "DICOMWEB", organizationId: hospital.id, baseUrl: "http://127.0.0.1:8042/dicom-web" },
        { name: "Lakeside Imaging Center", kind: "DIMSE", aeTitle: "LAKESIDE", host: "127.0.0.1", port: 11112 },
      ],
    });
    await tx.study.create({
      data: {
        patientId: patient.id,
        studyInstanceUid: first.studyInstanceUid,
        studyDate: new Date("2026-10-14"),
        studyTime: "101500",
        accessionNumber: "RCH26-88121",
        description: DEMO.studyDescription,
        modalities: ["CT"],
        referringPhysician: "Okafor^Grace",
        institutionName: DEMO.organization,
        dicomPatientName: "Morgan^Alex",
        dicomPatientId: "RCH-0042817",
        dicomBirthDate: new Date("1968-04-12"),
        numberOfSeries: 1,
        numberOfInstances: stored.length,
        totalBytes,
        status: "COMPLETE",
        source: "DEMO",
        sourceOrganizationId: hospital.id,
        series: {
          create: {
            patientId: patient.id,
            seriesInstanceUid: first.seriesInstanceUid,
            modality: "CT",
            seriesNumber: 1,
            description: "Axial 5.0 mm",
            bodyPart: "CHEST",
            numberOfInstances: stored.length,
            totalBytes,
            instances: {
              create: stored.map((instance) => ({
                patientId: patient.id,
                sopInstanceUid: instance.sopInstanceUid,
                sopClassUid: CT_IMAGE_STORAGE,
                instanceNumber: instance.instanceNumber,
                transferSyntaxUid: EXPLICIT_VR_LITTLE_ENDIAN,
                rows: 128,
                columns: 128,
                bytes: BigInt(instance.bytes.byteLength),
                storageKey: instance.key,
                sha256: instance.sha256,
                source: "DEMO" as const,
              })),
            },
          },
        },
      },
    });
  });
  return true;
}
