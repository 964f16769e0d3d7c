import "server-only";
import type { Prisma } from "../db/generated/client.ts";
import type { Purpose } from "../db/generated/enums.ts";
import type { Database } from "../db/prisma";
import { isUuid } from "../patients/resource";

// The one answer to "may this recipient receive these studies of this patient, for this purpose,
// at this time?", and which signed consent says so. Routing, the gateway, share links, the viewer
// and downloads ask it before anything leaves Carrier; nothing else decides (lib/consent/bypass.test.ts
// looks for code that goes around it). The patient, or their hospital's desk, looking at the
// patient's own records is not a disclosure and is not asked here: that is the policy's job.
//
// Call it inside the transaction that records the disclosure (creates the Transfer or ShareLink):
// it holds the allowing consent's row, so a revocation waits for that transaction and then cancels
// what it created, or goes first and is seen here.

export type Recipient =
  /** A system in Carrier's destination directory; a consent naming its organization covers it too. */
  | { kind: "destination"; destinationId: string }
  /** A clinician, known by email address (a share link's recipient, a clinician's account). */
  | { kind: "clinician"; email: string }
  /** A Carequality organization (its gateway asking), known by its Organization id. */
  | { kind: "organization"; organizationId: string }
  /** Whoever holds a share link: allowed only by the consent the link was made under, while the link is live. */
  | { kind: "share-link"; shareLinkId: string };

export type DisclosureRequest = {
  patientId: string;
  recipient: Recipient;
  studyIds: readonly string[];
  purpose: Purpose;
  at: Date;
  /** The recipient would be able to save copies (a viewer or share link with downloads on). */
  download?: boolean;
};

export type DenialReason = "unknown-study" | "unknown-recipient" | "recipient-ended" | "no-consent";

export type ConsentDecision =
  | { allowed: true; consentId: string; allowDownload: boolean; expiresAt: Date | null }
  | { allowed: false; reason: DenialReason; message: string };

type Reader = Database | Prisma.TransactionClient;

const DENIALS: Record<DenialReason, string> = {
  "unknown-study": "These studies are not among the patient's records.",
  "unknown-recipient": "This recipient is not one Carrier knows.",
  "recipient-ended": "This link was turned off or has ended.",
  "no-consent": "No signed permission lets this recipient receive these studies for this purpose now.",
};

const deny = (reason: DenialReason): ConsentDecision => ({ allowed: false, reason, message: DENIALS[reason] });

async function recipientFilter(db: Reader, recipient: Recipient, request: DisclosureRequest): Promise<Prisma.ConsentWhereInput | DenialReason> {
  switch (recipient.kind) {
    case "destination": {
      if (!isUuid(recipient.destinationId)) return "unknown-recipient";
      const destination = await db.destination.findFirst({ where: { id: recipient.destinationId, active: true }, select: { id: true, organizationId: true } });
      if (!destination) return "unknown-recipient";
      const byOrganization: Prisma.ConsentWhereInput[] = destination.organizationId ? [{ recipientKind: "ORGANIZATION", recipientOrganizationId: destination.organizationId }] : [];
      return { OR: [{ recipientKind: "DESTINATION", destinationId: destination.id }, ...byOrganization] };
    }
    case "organization":
      return isUuid(recipient.organizationId) ? { recipientKind: "ORGANIZATION", recipientOrganizationId: recipient.organizationId } : "unknown-recipient";
    case "clinician": {
      const email = recipient.email.trim();
      return email ? { recipientKind: "CLINICIAN", recipientEmail: { equals: email, mode: "insensitive" } } : "unknown-recipient";
    }
    case "share-link": {
      if (!isUuid(recipient.shareLinkId)) return "unknown-recipient";
      const link = await db.shareLink.findFirst({ where: { id: recipient.shareLinkId, patientId: request.patientId }, select: { consentId: true, revokedAt: true, expiresAt: true } });
      if (!link) return "unknown-recipient";
      if ((link.revokedAt && link.revokedAt <= request.at) || link.expiresAt <= request.at) return "recipient-ended";
      return { id: link.consentId, recipientKind: "CLINICIAN" };
    }
  }
}

type Candidate = { id: string; scope: "SELECTED_STUDIES" | "DATE_RANGE" | "ALL_STUDIES"; studiesFrom: Date | null; studiesTo: Date | null; studies: { studyId: string }[] };

function covers(consent: Candidate, studies: readonly { id: string; studyDate: Date | null }[]): boolean {
  switch (consent.scope) {
    case "ALL_STUDIES":
      return true;
    case "SELECTED_STUDIES": {
      const named = new Set(consent.studies.map((study) => study.studyId));
      return studies.every((study) => named.has(study.id));
    }
    case "DATE_RANGE":
      // Calendar dates at UTC midnight, both ends included; a study without a date is in no range.
      return studies.every(({ studyDate }) => studyDate !== null && (!consent.studiesFrom || studyDate >= consent.studiesFrom) && (!consent.studiesTo || studyDate <= consent.studiesTo));
  }
}

/** A consent as loaded with its studies, for checking without a query (consentAllows). */
export type LoadedConsent = Candidate & { purpose: Purpose; allowDownload: boolean; signedAt: Date; expiresAt: Date | null; revokedAt: Date | null };

/**
 * The rule authorize() applies, for a consent the caller loaded already in the query it needed
 * anyway (a share session's every request): in force at `at`, for this purpose, covering these
 * studies, allowing downloads when asked. authorize() itself still decides every disclosure's start.
 */
export function consentAllows(consent: LoadedConsent, request: { studies: readonly { id: string; studyDate: Date | null }[]; purpose: Purpose; at: Date; download?: boolean }): boolean {
  const inForce = consent.signedAt <= request.at && (!consent.expiresAt || consent.expiresAt > request.at) && (!consent.revokedAt || consent.revokedAt > request.at);
  return inForce && consent.purpose === request.purpose && (!request.download || consent.allowDownload) && covers(consent, request.studies);
}

/** In force at `at`: signed at or before it, not yet expired (the instant of expiry is too late), not revoked by then. */
function inForceAt(at: Date): Prisma.ConsentWhereInput {
  return {
    signedAt: { lte: at },
    AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: at } }] }, { OR: [{ revokedAt: null }, { revokedAt: { gt: at } }] }],
  };
}

export async function authorize(db: Reader, request: DisclosureRequest): Promise<ConsentDecision> {
  const studyIds = [...new Set(request.studyIds.map((id) => id.toLowerCase()))];
  if (!isUuid(request.patientId) || studyIds.length === 0 || !studyIds.every(isUuid)) return deny("unknown-study");
  const studies = await db.study.findMany({ where: { id: { in: studyIds }, patientId: request.patientId }, select: { id: true, studyDate: true } });
  if (studies.length !== studyIds.length) return deny("unknown-study");
  const toRecipient = await recipientFilter(db, request.recipient, request);
  if (typeof toRecipient === "string") return deny(toRecipient);

  const candidates = await db.consent.findMany({
    where: { patientId: request.patientId, purpose: request.purpose, ...(request.download ? { allowDownload: true } : {}), AND: [inForceAt(request.at), toRecipient] },
    orderBy: [{ signedAt: "desc" }, { id: "asc" }],
    select: { id: true, scope: true, studiesFrom: true, studiesTo: true, allowDownload: true, expiresAt: true, studies: { where: { studyId: { in: studyIds } }, select: { studyId: true } } },
  });
  for (const consent of candidates.filter((candidate) => covers(candidate, studies))) {
    // Hold the row until the caller's transaction ends, and see a revocation that committed meanwhile.
    const [row] = await db.$queryRaw<{ revokedAt: Date | null }[]>`SELECT "revokedAt" FROM "Consent" WHERE "id" = ${consent.id}::uuid FOR SHARE`;
    if (row && (row.revokedAt === null || row.revokedAt > request.at)) {
      return { allowed: true, consentId: consent.id, allowDownload: consent.allowDownload, expiresAt: consent.expiresAt };
    }
  }
  return deny("no-consent");
}
