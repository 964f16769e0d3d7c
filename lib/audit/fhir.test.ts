import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../db/generated/client";
import { DISCLOSURE_ACTIONS, isAuditAction } from "./actions";
import { GENESIS_HASH } from "./chain";
import { auditEventBundle, purposeOfEvent, toFhirAuditEvent } from "./fhir";

const DCM = "http://dicom.nema.org/resources/ontology/DCM";
const userId = "6f1c2b7a-93d4-4e55-8a0b-1c2d3e4f5a6b";
const patientId = "ab8e3f00-0000-4000-8000-000000000001";
const studyIds = ["0b8e3f00-0000-4000-8000-0000000000aa", "0b8e3f00-0000-4000-8000-0000000000bb"];

function row(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: 1n,
    occurredAt: new Date("2026-11-30T08:15:42.123Z"),
    action: "auth.sign-in",
    outcome: "SUCCESS",
    actorKind: "USER",
    actorUserId: null,
    actorDisplay: "Carrier",
    patientId: null,
    studyIds: [],
    entityType: null,
    entityId: null,
    recipientDisplay: null,
    channel: null,
    purposeOfUse: null,
    clientAddress: null,
    userAgent: null,
    detail: null,
    prevHash: GENESIS_HASH,
    hash: "a".repeat(64),
    ...overrides,
  };
}

describe("FHIR AuditEvent", () => {
  it("maps a sign-in to a DICOM User Authentication event by the user, from their address", () => {
    const resource = toFhirAuditEvent(row({ id: 7n, actorUserId: userId, actorDisplay: "Sam Rivera (front desk)", clientAddress: "203.0.113.7" }));
    expect(resource).toEqual({
      resourceType: "AuditEvent",
      id: "7",
      type: { system: DCM, code: "110114", display: "User Authentication" },
      subtype: [{ system: "urn:carrier:audit-action", code: "auth.sign-in" }],
      action: "E",
      recorded: "2026-11-30T08:15:42.123Z",
      outcome: "0",
      agent: [
        {
          type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/extra-security-role-type", code: "humanuser", display: "human user" }] },
          who: { display: "Sam Rivera (front desk)", identifier: { system: "urn:carrier:user", value: userId } },
          requestor: true,
          network: { address: "203.0.113.7", type: "2" },
        },
      ],
      source: {
        observer: { display: "Carrier" },
        type: [{ system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "4", display: "Application Server" }],
      },
    });
  });

  it("maps a failed sign-in to a minor failure", () => {
    expect(toFhirAuditEvent(row({ action: "auth.sign-in-failed", outcome: "MINOR_FAILURE" })).outcome).toBe("4");
  });

  it("maps a disclosure with its purpose, patient, studies, record and recipient", () => {
    const resource = toFhirAuditEvent(
      row({
        id: 42n,
        action: "transfer.deliver",
        actorKind: "SYSTEM",
        patientId,
        studyIds,
        entityType: "Transfer",
        entityId: "t-1",
        recipientDisplay: "St. Mary's Radiology",
        purposeOfUse: "SECOND_OPINION",
      }),
    );
    expect(resource.type).toEqual({ system: DCM, code: "110104", display: "DICOM Instances Transferred" });
    expect(resource.action).toBe("R");
    expect(resource.purposeOfEvent).toEqual([{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "TREAT", display: "treatment" }], text: "Second opinion" }]);
    expect(resource.agent).toHaveLength(2);
    expect(resource.agent[0]).toMatchObject({ who: { display: "Carrier" }, requestor: true, type: { coding: [{ system: DCM, code: "110150" }] } });
    expect(resource.agent[0]?.network).toBeUndefined();
    expect(resource.agent[1]).toMatchObject({ who: { display: "St. Mary's Radiology" }, requestor: false, type: { coding: [{ code: "IRCP" }] } });
    expect(resource.entity?.map((entity) => [entity.what.reference ?? entity.what.identifier?.value, entity.type.code, entity.role.code])).toEqual([
      [`Patient/${patientId}`, "1", "1"],
      [`ImagingStudy/${studyIds[0]}`, "2", "4"],
      [`ImagingStudy/${studyIds[1]}`, "2", "4"],
      ["t-1", "2", "4"],
    ]);
  });

  it("names a system that used an API key as an application, by the key", () => {
    const apiKeyId = "9a0c2b7a-93d4-4e55-8a0b-1c2d3e4f5a6b";
    const resource = toFhirAuditEvent(
      row({ action: "study.download", actorKind: "API_KEY", actorDisplay: "Riverside PACS (Riverside Community Hospital)", clientAddress: "10.0.0.8", patientId, detail: { apiKeyId, organizationId: "org-1" } }),
    );
    expect(resource.agent).toEqual([
      {
        type: { coding: [{ system: DCM, code: "110150", display: "Application" }] },
        who: { display: "Riverside PACS (Riverside Community Hospital)", identifier: { system: "urn:carrier:api-key", value: apiKeyId } },
        requestor: true,
        network: { address: "10.0.0.8", type: "2" },
      },
    ]);
  });

  it("codes Carrier's purposes and keeps unknown ones as text", () => {
    expect(purposeOfEvent("TREATMENT").coding?.[0]?.code).toBe("TREAT");
    expect(purposeOfEvent("PERSONAL_USE").coding?.[0]?.code).toBe("PATRQT");
    expect(purposeOfEvent("RESEARCH").coding?.[0]?.code).toBe("HRESCH");
    expect(purposeOfEvent("OPERATIONS").coding?.[0]?.code).toBe("HOPERAT");
    expect(purposeOfEvent("OTHER")).toEqual({ text: "Other" });
    expect(purposeOfEvent("court order")).toEqual({ text: "court order" });
    expect(purposeOfEvent("constructor")).toEqual({ text: "constructor" });
  });

  it("makes a searchset bundle with the total and one entry per event", () => {
    const bundle = auditEventBundle([row({ id: 1n }), row({ id: 2n, action: "study.view" })], { total: 12, baseUrl: "https://carrier.example/fhir" });
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 12 });
    expect(bundle.entry.map((entry) => [entry.fullUrl, entry.resource.id, entry.resource.type.code, entry.search.mode])).toEqual([
      ["https://carrier.example/fhir/AuditEvent/1", "1", "110114", "match"],
      ["https://carrier.example/fhir/AuditEvent/2", "2", "110103", "match"],
    ]);
    expect(auditEventBundle([], { total: 0 })).toEqual({ resourceType: "Bundle", type: "searchset", total: 0, entry: [] });
  });
});

describe("audit actions", () => {
  it("list the disclosures a patient's accounting shows, and know their own names", () => {
    expect(DISCLOSURE_ACTIONS).toEqual(expect.arrayContaining(["study.view", "share.open", "transfer.deliver", "gateway.retrieve"]));
    expect(DISCLOSURE_ACTIONS).not.toContain("auth.sign-in");
    expect(isAuditAction("consent.sign")).toBe(true);
    expect(isAuditAction("toString")).toBe(false);
  });
});
