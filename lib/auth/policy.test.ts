import { describe, expect, it } from "vitest";
import type { Actor, ApiKeyActor, ApiKeyScope, UserActor } from "./actor";
import { ACTIONS, can, type Action, type PatientResource, type Resource } from "./policy";

// The authorization matrix: every kind of actor, every action, on their own resource and on
// someone else's. Each row states what the product promises, independently of how policy.ts
// is written; a change in either shows up here.

const HOSPITAL = "org-hospital";
const OTHER_HOSPITAL = "org-other";

const user = (role: UserActor["role"], extra: Partial<UserActor> = {}): UserActor => ({
  kind: "user",
  userId: `user-${role}`,
  role,
  displayName: role,
  email: `${role}@example.org`,
  organizationId: null,
  patientId: null,
  sessionId: "s",
  client: {},
  ...extra,
});

const apiKey = (scopes: ApiKeyScope[], organizationId: string): ApiKeyActor => ({
  kind: "api-key",
  apiKeyId: `key-${scopes.join("-")}-${organizationId}`,
  organizationId,
  scopes,
  displayName: "Riverside PACS (Riverside Community Hospital)",
  client: {},
});

const ACTORS = {
  patient: user("PATIENT", { patientId: "patient-own" }),
  frontDesk: user("FRONT_DESK", { organizationId: HOSPITAL }),
  frontDeskWithoutOrganization: user("FRONT_DESK"),
  clinician: user("CLINICIAN"),
  admin: user("ADMIN", { organizationId: HOSPITAL }),
  shareRecipient: { kind: "share-recipient", shareLinkId: "share-1", patientId: "patient-own", studyIds: ["study-shared"], allowDownload: false, displayName: "Dr. Who", client: {} },
  readKey: apiKey(["read"], HOSPITAL),
  writeKey: apiKey(["write"], HOSPITAL),
  readWriteKey: apiKey(["read", "write"], HOSPITAL),
  otherHospitalKey: apiKey(["read", "write"], OTHER_HOSPITAL),
  keyWithoutScopes: apiKey([], HOSPITAL),
} satisfies Record<string, Actor>;

const ownPatient: PatientResource = { type: "patient", patientId: "patient-own", accountUserId: ACTORS.patient.userId, organizationIds: [HOSPITAL] };
const RESOURCES = {
  ownPatient,
  ownStudyShared: { ...ownPatient, studyId: "study-shared", grantedUserIds: [ACTORS.clinician.userId], grantAllowsDownload: false },
  ownStudyNotShared: { ...ownPatient, studyId: "study-private" },
  otherPatientSameHospital: { type: "patient", patientId: "patient-other", accountUserId: "user-someone-else", organizationIds: [HOSPITAL] },
  otherHospitalPatient: { type: "patient", patientId: "patient-far", accountUserId: "user-far", organizationIds: [OTHER_HOSPITAL] },
  hospital: { type: "organization", organizationId: HOSPITAL },
  otherHospital: { type: "organization", organizationId: OTHER_HOSPITAL },
  carrier: { type: "carrier" },
} satisfies Record<string, Resource>;

type ActorName = keyof typeof ACTORS;
type ResourceName = keyof typeof RESOURCES;
type Grant = `${ActorName}@${ResourceName}`;

const PATIENT_OWN_ACTIONS: Action[] = ["patient.read", "study.list", "study.view", "study.download", "study.upload", "study.share", "consent.sign", "consent.revoke", "transfer.create", "claim.redeem", "audit.read"];
const DESK_ACTIONS: Action[] = ["patient.read", "study.list", "study.view", "study.download", "study.upload", "study.share", "consent.record", "consent.revoke", "transfer.create", "claim.publish"];
const PATIENT_RESOURCES: ResourceName[] = ["ownPatient", "ownStudyShared", "ownStudyNotShared"];
const HOSPITAL_PATIENTS: ResourceName[] = [...PATIENT_RESOURCES, "otherPatientSameHospital"];
const ALL_PATIENTS: ResourceName[] = [...HOSPITAL_PATIENTS, "otherHospitalPatient"];

/** Everything allowed; all else in ACTIONS × ACTORS × RESOURCES is denied. */
const ALLOWED: Record<Action, Grant[]> = Object.fromEntries(ACTIONS.map((action) => [action, [] as Grant[]])) as Record<Action, Grant[]>;
const allow = (actions: Action[], actor: ActorName, resources: ResourceName[]) => {
  for (const action of actions) for (const resource of resources) ALLOWED[action].push(`${actor}@${resource}`);
};
allow(PATIENT_OWN_ACTIONS, "patient", PATIENT_RESOURCES);
allow(DESK_ACTIONS, "frontDesk", HOSPITAL_PATIENTS);
allow(["patient.register", "patient.search"], "frontDesk", ["hospital"]);
allow(["study.view"], "clinician", ["ownStudyShared"]);
allow(["study.view"], "shareRecipient", ["ownStudyShared"]);
allow(["audit.read"], "admin", ALL_PATIENTS);
allow(["staff.manage", "organization.manage", "destination.manage", "audit.search", "api-key.manage"], "admin", ["carrier"]);
const KEY_READ_ACTIONS: Action[] = ["patient.read", "study.list", "study.view", "study.download"];
allow(KEY_READ_ACTIONS, "readKey", HOSPITAL_PATIENTS);
allow(["study.upload"], "writeKey", HOSPITAL_PATIENTS);
allow([...KEY_READ_ACTIONS, "study.upload"], "readWriteKey", HOSPITAL_PATIENTS);
allow([...KEY_READ_ACTIONS, "study.upload"], "otherHospitalKey", ["otherHospitalPatient"]);

describe("the authorization matrix", () => {
  for (const action of ACTIONS) {
    it(`${action}: allowed exactly where the product says`, () => {
      const allowed: Grant[] = [];
      for (const [actorName, actor] of Object.entries(ACTORS)) {
        for (const [resourceName, resource] of Object.entries(RESOURCES)) {
          if (can(actor, action, resource)) allowed.push(`${actorName as ActorName}@${resourceName as ResourceName}`);
        }
      }
      expect(allowed.sort()).toEqual([...ALLOWED[action]].sort());
    });
  }
});

describe("special cases", () => {
  it("an admin may look at a patient's images only with a recorded reason of some substance", () => {
    const study = RESOURCES.ownStudyNotShared;
    expect(can(ACTORS.admin, "study.view", study)).toBe(false);
    expect(can(ACTORS.admin, "study.view", study, { reason: "because" })).toBe(false);
    expect(can(ACTORS.admin, "study.view", study, { reason: "Ticket 4411: patient reports a missing series" })).toBe(true);
    expect(can(ACTORS.admin, "study.share", study, { reason: "Ticket 4411: patient reports a missing series" })).toBe(false);
  });

  it("a grant that allows downloads lets the clinician download; a share link's own setting rules its recipient", () => {
    const downloadable = { ...RESOURCES.ownStudyShared, grantAllowsDownload: true };
    expect(can(ACTORS.clinician, "study.download", downloadable)).toBe(true);
    expect(can(ACTORS.shareRecipient, "study.download", downloadable)).toBe(false);
    expect(can({ ...ACTORS.shareRecipient, allowDownload: true }, "study.download", downloadable)).toBe(true);
  });

  it("a share recipient with a tampered study id sees nothing of another patient", () => {
    const otherPatientsStudy = { ...RESOURCES.otherHospitalPatient, studyId: "study-shared" };
    expect(can(ACTORS.shareRecipient, "study.view", otherPatientsStudy)).toBe(false);
  });

  it("an API key reaches a patient registered at several organizations through any of them, and nothing else about them", () => {
    const sharedPatient = { ...RESOURCES.otherHospitalPatient, organizationIds: [OTHER_HOSPITAL, HOSPITAL], studyId: "study-far" };
    expect(can(ACTORS.readKey, "study.view", sharedPatient)).toBe(true);
    expect(can(ACTORS.otherHospitalKey, "study.upload", sharedPatient)).toBe(true);
    expect(can(ACTORS.readWriteKey, "study.share", sharedPatient)).toBe(false);
    expect(can(ACTORS.readWriteKey, "transfer.create", sharedPatient)).toBe(false);
    expect(can(ACTORS.readWriteKey, "audit.read", sharedPatient)).toBe(false);
  });

  it("an API key reaches no patient registered nowhere, and a reason does not widen what it may do", () => {
    const unregistered = { ...RESOURCES.ownPatient, organizationIds: [] };
    expect(can(ACTORS.readWriteKey, "study.view", unregistered)).toBe(false);
    expect(can(ACTORS.readKey, "study.upload", RESOURCES.ownPatient, { reason: "Ticket 4411: PACS needs to store a series" })).toBe(false);
  });

  it("Carrier itself acts only with a reason", () => {
    expect(can({ kind: "system", displayName: "Carrier", reason: "transfer job 12" }, "study.view", RESOURCES.ownStudyNotShared)).toBe(true);
    expect(can({ kind: "system", displayName: "Carrier", reason: " " }, "study.view", RESOURCES.ownStudyNotShared)).toBe(false);
  });
});
