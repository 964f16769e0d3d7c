import type { AuditEvent } from "../db/generated/client.ts";
import type { AuditOutcome } from "../db/generated/enums.ts";
import { auditActionDefinition, DICOM_AUDIT_EVENTS, isAuditAction, type FhirAuditAction } from "./actions.ts";
import { statedReason } from "./stated-reason.ts";

// Audit events as FHIR R4 AuditEvent resources (the IHE BALP / DICOM PS3.15 A.5 shape), for
// export and for anyone who reads the trail with FHIR tools. Pure: rows in, resources out.

type Coding = { system?: string; code: string; display?: string };
type CodeableConcept = { coding?: Coding[]; text?: string };
type Reference = { reference?: string; identifier?: { system?: string; value: string }; display?: string };

export type FhirAuditEventAgent = {
  type?: CodeableConcept;
  who: Reference;
  requestor: boolean;
  network?: { address: string; type: "2" };
  /** "Reason given for this user": what an administrator said when opening a patient's data. */
  purposeOfUse?: CodeableConcept[];
};

export type FhirAuditEventEntity = { what: Reference; type: Coding; role: Coding; name?: string };

export type FhirAuditEvent = {
  resourceType: "AuditEvent";
  id: string;
  type: Coding;
  subtype: Coding[];
  action: FhirAuditAction;
  recorded: string;
  outcome: "0" | "4" | "8" | "12";
  purposeOfEvent?: CodeableConcept[];
  agent: FhirAuditEventAgent[];
  source: { observer: Reference; type: Coding[] };
  entity?: FhirAuditEventEntity[];
};

export type FhirBundle<Resource> = {
  resourceType: "Bundle";
  type: "searchset";
  total: number;
  entry: { fullUrl?: string; resource: Resource; search: { mode: "match" } }[];
};

const DCM = "http://dicom.nema.org/resources/ontology/DCM";
const ACTION_SYSTEM = "urn:carrier:audit-action";
const USER_SYSTEM = "urn:carrier:user";
const API_KEY_SYSTEM = "urn:carrier:api-key";
const ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
const PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
const SECURITY_ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
const SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
const ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
const OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

const OUTCOME_CODES: Record<AuditOutcome, FhirAuditEvent["outcome"]> = {
  SUCCESS: "0",
  MINOR_FAILURE: "4",
  SERIOUS_FAILURE: "8",
  MAJOR_FAILURE: "12",
};

const treat: Coding = { system: ACT_REASON, code: "TREAT", display: "treatment" };
const patientRequest: Coding = { system: ACT_REASON, code: "PATRQT", display: "patient requested" };

// Carrier's consent purposes, and the Carequality (NHIN) purposes a gateway request may carry.
const PURPOSES: Record<string, CodeableConcept> = {
  TREATMENT: { coding: [treat] },
  SECOND_OPINION: { coding: [treat], text: "Second opinion" },
  PERSONAL_USE: { coding: [patientRequest], text: "Personal use" },
  REQUEST: { coding: [patientRequest] },
  RESEARCH: { coding: [{ system: ACT_REASON, code: "HRESCH", display: "healthcare research" }] },
  OPERATIONS: { coding: [{ system: ACT_REASON, code: "HOPERAT", display: "healthcare operations" }] },
  OTHER: { text: "Other" },
};

export function purposeOfEvent(purposeOfUse: string): CodeableConcept {
  // hasOwn: a purpose named like an Object property ("constructor") is just text.
  const known = Object.hasOwn(PURPOSES, purposeOfUse) ? PURPOSES[purposeOfUse] : undefined;
  return known ?? { text: purposeOfUse };
}

function eventType(action: string): Coding {
  if (!isAuditAction(action)) return { system: DCM, code: "110100", display: DICOM_AUDIT_EVENTS["110100"] };
  const { dicomEventId } = auditActionDefinition(action);
  return { system: DCM, code: dicomEventId, display: DICOM_AUDIT_EVENTS[dicomEventId] };
}

/** A user by their account; a system by the API key it presented (lib/audit/fields.ts puts its id in the detail). */
function actorIdentifier(row: AuditEvent): { system: string; value: string } | undefined {
  if (row.actorUserId) return { system: USER_SYSTEM, value: row.actorUserId };
  const detail = row.detail;
  const apiKeyId = row.actorKind === "API_KEY" && detail && typeof detail === "object" && !Array.isArray(detail) ? detail.apiKeyId : undefined;
  return typeof apiKeyId === "string" ? { system: API_KEY_SYSTEM, value: apiKeyId } : undefined;
}

function actorAgent(row: AuditEvent): FhirAuditEventAgent {
  const human = row.actorKind === "USER" || row.actorKind === "SHARE_RECIPIENT";
  const identifier = actorIdentifier(row);
  const reason = statedReason(row);
  return {
    type: human ? { coding: [{ system: SECURITY_ROLE_TYPE, code: "humanuser", display: "human user" }] } : { coding: [{ system: DCM, code: "110150", display: "Application" }] },
    who: { display: row.actorDisplay, ...(identifier ? { identifier } : {}) },
    requestor: true,
    ...(row.clientAddress ? { network: { address: row.clientAddress, type: "2" as const } } : {}),
    ...(reason ? { purposeOfUse: [{ text: reason }] } : {}),
  };
}

function recipientAgent(recipientDisplay: string): FhirAuditEventAgent {
  return {
    type: { coding: [{ system: PARTICIPATION_TYPE, code: "IRCP", display: "information recipient" }] },
    who: { display: recipientDisplay },
    requestor: false,
  };
}

function entities(row: AuditEvent): FhirAuditEventEntity[] {
  const systemObject: Coding = { system: ENTITY_TYPE, code: "2", display: "System Object" };
  const domainResource: Coding = { system: OBJECT_ROLE, code: "4", display: "Domain Resource" };
  const found: FhirAuditEventEntity[] = [];
  if (row.patientId) {
    found.push({
      what: { reference: `Patient/${row.patientId}` },
      type: { system: ENTITY_TYPE, code: "1", display: "Person" },
      role: { system: OBJECT_ROLE, code: "1", display: "Patient" },
    });
  }
  for (const studyId of row.studyIds ?? []) {
    found.push({ what: { reference: `ImagingStudy/${studyId}` }, type: systemObject, role: domainResource });
  }
  if (row.entityType && row.entityId) {
    // Carrier's own records (a share link, a transfer) are not FHIR resources: named by identifier.
    found.push({ what: { identifier: { system: `urn:carrier:${row.entityType}`, value: row.entityId } }, type: systemObject, role: domainResource, name: row.entityType });
  }
  return found;
}

export function toFhirAuditEvent(row: AuditEvent): FhirAuditEvent {
  const entity = entities(row);
  return {
    resourceType: "AuditEvent",
    id: row.id.toString(),
    type: eventType(row.action),
    subtype: [{ system: ACTION_SYSTEM, code: row.action }],
    action: isAuditAction(row.action) ? auditActionDefinition(row.action).fhirAction : "E",
    recorded: row.occurredAt.toISOString(),
    outcome: OUTCOME_CODES[row.outcome],
    ...(row.purposeOfUse ? { purposeOfEvent: [purposeOfEvent(row.purposeOfUse)] } : {}),
    agent: row.recipientDisplay ? [actorAgent(row), recipientAgent(row.recipientDisplay)] : [actorAgent(row)],
    source: {
      observer: { display: "Carrier" },
      type: [{ system: SOURCE_TYPE, code: "4", display: "Application Server" }],
    },
    ...(entity.length > 0 ? { entity } : {}),
  };
}

/** A FHIR searchset; `baseUrl` (the FHIR base, without a trailing slash) adds each entry's fullUrl. */
export function auditEventBundle(rows: readonly AuditEvent[], { total, baseUrl }: { total: number; baseUrl?: string }): FhirBundle<FhirAuditEvent> {
  return {
    resourceType: "Bundle",
    type: "searchset",
    total,
    entry: rows.map((row) => {
      const resource = toFhirAuditEvent(row);
      return { ...(baseUrl ? { fullUrl: `${baseUrl}/AuditEvent/${resource.id}` } : {}), resource, search: { mode: "match" as const } };
    }),
  };
}
