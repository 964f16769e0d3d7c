import { createHash } from "node:crypto";
import type { Consent } from "../db/generated/client.ts";
import { statementsOf } from "./wording";

// The content hash printed on a consent's PDF and carried by its FHIR resource: SHA-256 over a
// canonical JSON of everything that was signed (the row's own columns, the studies it names, the
// statements' words, the signature's bytes by their hash). The row cannot change once signed (a
// trigger refuses it), so the hash can be computed again at any time and must match.

export type SignedConsentColumns = Omit<Consent, "contentSha256" | "createdAt" | "revokedAt" | "revokedById" | "revocationReason">;

type Canonical = string | number | boolean | null | Canonical[] | { [key: string]: Canonical };

function canonicalJson(value: Canonical): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function consentContentHash(consent: SignedConsentColumns, studyIds: readonly string[]): string {
  const content: Canonical = {
    format: "carrier-consent-1",
    id: consent.id.toLowerCase(),
    patientId: consent.patientId.toLowerCase(),
    scope: consent.scope,
    studyIds: [...studyIds].map((id) => id.toLowerCase()).sort(),
    studiesFrom: iso(consent.studiesFrom),
    studiesTo: iso(consent.studiesTo),
    recipientKind: consent.recipientKind,
    destinationId: consent.destinationId?.toLowerCase() ?? null,
    recipientOrganizationId: consent.recipientOrganizationId?.toLowerCase() ?? null,
    recipientName: consent.recipientName,
    recipientEmail: consent.recipientEmail,
    purpose: consent.purpose,
    purposeText: consent.purposeText,
    expiresAt: iso(consent.expiresAt),
    expiryEvent: consent.expiryEvent,
    allowDownload: consent.allowDownload,
    method: consent.method,
    statementsVersion: consent.statementsVersion,
    statements: [...statementsOf(consent.statementsVersion)],
    signatureKind: consent.signatureKind,
    signatureImageSha256: consent.signatureImage ? sha256(consent.signatureImage) : null,
    signatureText: consent.signatureText,
    signerName: consent.signerName,
    signerRelationship: consent.signerRelationship,
    signedAt: iso(consent.signedAt),
    recordedById: consent.recordedById?.toLowerCase() ?? null,
    witnessId: consent.witnessId?.toLowerCase() ?? null,
    identityCheck: consent.identityCheck,
    // Content-addressed (lib/consent/scanned-form.ts): the key names the scanned form's bytes.
    documentStorageKey: consent.documentStorageKey,
    documentMediaType: consent.documentMediaType,
  };
  return sha256(canonicalJson(content));
}
