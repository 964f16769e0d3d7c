import { hashPassword } from "../../lib/auth/password";
import type { Database } from "../../lib/db/prisma";
import { newPin, newShareToken } from "../../lib/shares/secrets";

// A share link made straight in the database, with the consent a patient would sign for it, for
// tests and benchmarks of what happens after a link is made (the share page has tests of its own).

export async function createTestShare(db: Database, patientId: string, createdById: string, studyIds: readonly string[], options: { allowDownload?: boolean } = {}) {
  const expiresAt = new Date(Date.now() + 14 * 86_400_000);
  const consent = await db.consent.create({
    data: {
      patientId,
      scope: "SELECTED_STUDIES",
      recipientKind: "CLINICIAN",
      recipientName: "Dr. Ada Reyes",
      recipientEmail: "ada.reyes@clinic.example",
      purpose: "SECOND_OPINION",
      expiresAt,
      allowDownload: options.allowDownload ?? false,
      method: "ONLINE",
      signatureKind: "TYPED",
      signatureText: "Test Patient",
      signerName: "Test Patient",
      signedAt: new Date(),
      statementsVersion: "2026-11",
      studies: { create: studyIds.map((studyId) => ({ studyId })) },
    },
  });
  const pin = newPin();
  const { token, tokenHash } = newShareToken();
  const share = await db.shareLink.create({
    data: {
      patientId,
      createdById,
      consentId: consent.id,
      tokenHash,
      recipientName: "Dr. Ada Reyes",
      recipientEmail: "ada.reyes@clinic.example",
      purpose: "SECOND_OPINION",
      check: "PIN",
      pinHash: await hashPassword(pin),
      allowDownload: options.allowDownload ?? false,
      notifyOnOpen: false,
      expiresAt,
      studies: { create: studyIds.map((studyId) => ({ studyId })) },
    },
  });
  return { share, token, pin };
}
