import { purposeOfEvent } from "../audit/fhir";
import type { ConsentDetail } from "./read";

// A consent as a FHIR R4 Consent resource (GET /api/fhir/Consent/[id]). Pure: row in, resource out.

type Coding = { system?: string; code: string; display?: string };
type CodeableConcept = { coding?: Coding[]; text?: string };
type Reference = { reference?: string; identifier?: { system: string; value: string }; display?: string };
type Period = { start?: string; end?: string };

export type FhirConsent = {
  resourceType: "Consent";
  id: string;
  meta: { lastUpdated: string };
  identifier: { system: string; value: string }[];
  status: "active" | "inactive";
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient: Reference;
  dateTime: string;
  performer: Reference[];
  organization?: Reference[];
  sourceAttachment: { contentType: string; url: string; title: string; creation: string };
  policy: { uri: string }[];
  verification?: { verified: boolean; verifiedWith?: Reference; verificationDate?: string }[];
  provision: {
    type: "permit";
    period: Period;
    actor: { role: CodeableConcept; reference: Reference }[];
    action: CodeableConcept[];
    purpose: Coding[];
    dataPeriod?: Period;
    data?: { meaning: "instance"; reference: Reference }[];
  };
  extension?: { url: string; valueString?: string; valueBoolean?: boolean }[];
};

const CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
const CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction";
const PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
const LOINC = "http://loinc.org";
const date = (value: Date) => value.toISOString().slice(0, 10);

function recipient(consent: ConsentDetail): Reference {
  switch (consent.recipientKind) {
    case "DESTINATION":
      return { identifier: { system: "urn:carrier:destination", value: consent.destination?.id ?? "" }, display: consent.destination?.name ?? undefined };
    case "ORGANIZATION":
      return consent.recipientOrganization?.homeCommunityId
        ? { identifier: { system: "urn:ietf:rfc:3986", value: `urn:oid:${consent.recipientOrganization.homeCommunityId}` }, display: consent.recipientOrganization.name }
        : { display: consent.recipientOrganization?.name ?? "" };
    case "CLINICIAN":
      return { identifier: { system: "mailto", value: consent.recipientEmail ?? "" }, display: consent.recipientName ?? undefined };
  }
}

export function toFhirConsent(consent: ConsentDetail, baseUrl: string): FhirConsent {
  const purpose = purposeOfEvent(consent.purpose);
  const action: CodeableConcept[] = [{ coding: [{ system: CONSENT_ACTION, code: "disclose", display: "Disclose" }] }, { coding: [{ system: CONSENT_ACTION, code: "access", display: "Access" }] }];
  if (consent.allowDownload) action.push({ coding: [{ system: CONSENT_ACTION, code: "use", display: "Use" }], text: "Download copies" });
  return {
    resourceType: "Consent",
    id: consent.id,
    meta: { lastUpdated: (consent.revokedAt ?? consent.signedAt).toISOString() },
    identifier: [{ system: "urn:carrier:consent-content-sha256", value: consent.contentSha256 ?? "" }],
    // R4 has no "expired" or "revoked": both are inactive; the period and extension say which.
    status: consent.status === "active" ? "active" : "inactive",
    scope: { coding: [{ system: CONSENT_SCOPE, code: "patient-privacy", display: "Privacy Consent" }] },
    category: [{ coding: [{ system: LOINC, code: "64292-6", display: "Release of information consent" }] }],
    patient: { reference: `Patient/${consent.patientId}` },
    dateTime: consent.signedAt.toISOString(),
    performer: [{ display: consent.signerRelationship === "self" ? consent.signerName : `${consent.signerName} (${consent.signerRelationship})` }],
    ...(consent.recordedBy?.organization ? { organization: [{ display: consent.recordedBy.organization.name }] } : {}),
    sourceAttachment: { contentType: "application/pdf", url: `${baseUrl}/api/consents/${consent.id}/pdf`, title: "Signed authorization to release medical images", creation: consent.signedAt.toISOString() },
    // The wording signed (Carrier's versioned statements of a HIPAA authorization, 45 CFR 164.508).
    policy: [{ uri: `urn:carrier:consent-statements:${consent.statementsVersion}` }],
    ...(consent.witness ? { verification: [{ verified: true, verifiedWith: { display: consent.witness.name }, verificationDate: consent.signedAt.toISOString() }] } : {}),
    provision: {
      type: "permit",
      period: { start: consent.signedAt.toISOString(), ...(consent.revokedAt ? { end: consent.revokedAt.toISOString() } : consent.expiresAt ? { end: consent.expiresAt.toISOString() } : {}) },
      actor: [{ role: { coding: [{ system: PARTICIPATION, code: "IRCP", display: "information recipient" }] }, reference: recipient(consent) }],
      action,
      purpose: purpose.coding ?? [],
      ...(consent.scope === "DATE_RANGE" ? { dataPeriod: { ...(consent.studiesFrom ? { start: date(consent.studiesFrom) } : {}), ...(consent.studiesTo ? { end: date(consent.studiesTo) } : {}) } } : {}),
      ...(consent.scope === "SELECTED_STUDIES" ? { data: consent.studies.map(({ study }) => ({ meaning: "instance" as const, reference: { reference: `ImagingStudy/${study.id}` } })) } : {}),
    },
    extension: [
      ...(consent.expiryEvent ? [{ url: "urn:carrier:fhir:consent-expiry-event", valueString: consent.expiryEvent }] : []),
      ...(consent.revokedAt ? [{ url: "urn:carrier:fhir:consent-withdrawn", valueBoolean: true }] : []),
      ...(consent.purpose === "OTHER" && consent.purposeText ? [{ url: "urn:carrier:fhir:consent-purpose-text", valueString: consent.purposeText }] : []),
    ],
  };
}
