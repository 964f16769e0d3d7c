import type { Purpose } from "../db/generated/enums.ts";

// The words of a release authorization, shared by the form, the review step, the PDF and the
// FHIR resource. Kept plain (about a 6th-grade reading level). The statements are versioned: a
// signed consent names the version it showed, and its PDF prints that version's words.

export const PURPOSE_LABELS: Record<Purpose, string> = {
  TREATMENT: "For my care (treatment)",
  SECOND_OPINION: "For a second opinion",
  PERSONAL_USE: "For my own use",
  RESEARCH: "For research",
  OTHER: "Something else",
};

/** The statements a HIPAA authorization must carry (45 CFR 164.508(c)(2)). */
export const STATEMENTS = {
  "2026-11": {
    revoke:
      "You can take back this permission at any time. Do it in Carrier, or tell the front desk in writing. Taking it back stops sharing from then on. It does not undo sharing that already happened.",
    redisclosure:
      "Once your images are shared, the person or place that gets them may share them again. Then federal privacy law (HIPAA) may no longer protect them.",
    conditioning:
      "You do not have to sign. Your care, payment, health plan and benefits do not depend on whether you sign.",
  },
} as const;

export type StatementsVersion = keyof typeof STATEMENTS;
export const CURRENT_STATEMENTS: StatementsVersion = "2026-11";

export function statementsOf(version: string): readonly string[] {
  const statements = Object.hasOwn(STATEMENTS, version) ? STATEMENTS[version as StatementsVersion] : undefined;
  if (!statements) throw new Error(`Unknown consent statements version ${version}`);
  return [statements.revoke, statements.redisclosure, statements.conditioning];
}

/** What a typed signature means, agreed to with a checkbox before signing. */
export const TYPED_SIGNATURE_ATTESTATION = "I typed my name to sign this form. I mean it to count the same as my handwritten signature.";

/** How the front desk checked who signed. */
export const IDENTITY_CHECKS = ["Driver's license", "State ID card", "Passport", "Military ID", "Other photo ID", "Known to staff in person"] as const;
