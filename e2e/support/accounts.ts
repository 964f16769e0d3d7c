import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hashPassword } from "../../lib/auth/password";
import { createPrismaClient, type Database } from "../../lib/db/prisma";
import { e2ePaths, type E2EState } from "../../scripts/test/e2e-paths";

// Accounts made for one test, so tests never share (or trip over) each other's state.

let database: Database | undefined;

export function e2eDatabase(): Database {
  const state = JSON.parse(readFileSync(e2ePaths().stateFile, "utf8")) as E2EState;
  database ??= createPrismaClient(state.databaseUrl);
  return database;
}

const unique = () => randomBytes(5).toString("hex");

export async function createStaff(role: "FRONT_DESK" | "ADMIN" = "FRONT_DESK") {
  const db = e2eDatabase();
  const organization = await db.organization.findFirstOrThrow();
  const email = `staff-${unique()}@example.org`;
  const password = `correct horse ${unique()}`;
  const user = await db.user.create({ data: { email, name: `Staff ${email.slice(6, 11)}`, role, organizationId: organization.id, passwordHash: await hashPassword(password) } });
  return { ...user, password };
}

/** A patient with an account, registered at the demo hospital (or at a hospital of its own). */
export async function createPatientAccount(options: { otherHospital?: boolean } = {}) {
  const db = e2eDatabase();
  const organization = options.otherHospital ? await db.organization.create({ data: { name: `Other Hospital ${unique()}` } }) : await db.organization.findFirstOrThrow();
  const email = `patient-${unique()}@example.org`;
  // In letters only: the upload page compares names by their letters, and a suffix of digits alone
  // would make this account "Test", the name on the test images (they must read as someone else's).
  const familyName = `Test${unique().replace(/\d/g, (digit) => "ghijklmnop"[Number(digit)]!)}`;
  const user = await db.user.create({
    data: {
      email,
      name: `Robin ${familyName}`,
      role: "PATIENT",
      patient: {
        create: { givenName: "Robin", familyName, birthDate: new Date("1950-06-01"), identifiers: { create: { organizationId: organization.id, system: "MRN", value: `MRN-${unique()}` } } },
      },
    },
    include: { patient: true },
  });
  const patient = user.patient!;
  const study = await db.study.create({
    data: { patientId: patient.id, studyInstanceUid: `2.25.${BigInt(`0x${randomBytes(12).toString("hex")}`)}`, description: `CT HEAD ${familyName}`, modalities: ["CT"], source: "UPLOAD", status: "COMPLETE" },
  });
  return { ...user, patient, study, organization };
}
