import { randomBytes } from "node:crypto";
import type { UserActor } from "../../lib/auth/actor";
import type { Database } from "../../lib/db/prisma";

// A patient with an account of their own, for integration tests, and the Actor they act as.

export async function createPatientActor(db: Database, options: { givenName?: string; birthDate?: string } = {}): Promise<UserActor & { patientId: string }> {
  const givenName = options.givenName ?? "Lee";
  const familyName = `Test${randomBytes(5).toString("hex")}`;
  const user = await db.user.create({
    data: {
      email: `${familyName.toLowerCase()}@example.org`,
      name: `${givenName} ${familyName}`,
      role: "PATIENT",
      patient: { create: { givenName, familyName, birthDate: new Date(options.birthDate ?? "1961-02-03") } },
    },
    include: { patient: true },
  });
  return { kind: "user", userId: user.id, role: "PATIENT", displayName: user.name, email: user.email, organizationId: null, patientId: user.patient!.id, sessionId: null, client: {} };
}
