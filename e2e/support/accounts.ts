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

export async function createPatientAccount() {
  const db = e2eDatabase();
  const email = `patient-${unique()}@example.org`;
  const user = await db.user.create({ data: { email, name: "Robin Test", role: "PATIENT", patient: { create: { givenName: "Robin", familyName: "Test", birthDate: new Date("1950-06-01") } } } });
  return user;
}
