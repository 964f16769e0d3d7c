import type { ClientInfo, ShareRecipientActor } from "../auth/actor";
import { verifyPassword } from "../auth/password";
import { recordFailure, recordSuccess, throttleState } from "../auth/throttle";
import type { ThrottleRule } from "../auth/throttle";
import { AUDITED_TRANSACTION, recordAuditEvent } from "../audit/record";
import { authorize, consentAllows } from "../consent/authorize";
import { KeptAnswers } from "../cache/kept-answers";
import type { Database } from "../db/prisma";
import { sendEmail } from "../email/mailer";
import { shareLockedEmail, shareOpenedEmail } from "../email/templates";
import { hashShareToken, looksLikeShareToken, normalizePin } from "./secrets";
import { issueShareSession } from "./share-session";

// Opening a share link: what its landing page may say (nothing about the patient until the
// check is passed), and the check itself. Wrong answers are limited per link (then the link
// locks and the patient is told) and per client address (so one client cannot try many links).

export const FREE_CHECKS_PER_LINK = 5;
const LINK_LOCK_MS = 60 * 60_000;
export const SHARE_CLIENT_THROTTLE: ThrottleRule = { name: "share-client", freeAttempts: 20, firstLockMs: 5 * 60_000, longestLockMs: 24 * 60 * 60_000 };

export type ShareLanding =
  | { state: "ended" }
  | { state: "locked"; until: Date }
  | { state: "check"; check: "PIN" | "BIRTH_DATE"; recipientName: string; message: string | null };

const SHARE_FACTS = {
  id: true,
  check: true,
  pinHash: true,
  recipientName: true,
  recipientEmail: true,
  message: true,
  expiresAt: true,
  revokedAt: true,
  lockedUntil: true,
  failedChecks: true,
  notifyOnOpen: true,
  allowDownload: true,
  purpose: true,
  patientId: true,
  patient: { select: { birthDate: true, email: true, user: { select: { email: true } } } },
  studies: { select: { studyId: true } },
} as const;

async function findLive(db: Database, token: string, now: Date) {
  if (!looksLikeShareToken(token)) return null;
  const share = await db.shareLink.findUnique({ where: { tokenHash: hashShareToken(token) }, select: SHARE_FACTS });
  return share && !share.revokedAt && share.expiresAt > now ? share : null;
}

export async function shareLanding(db: Database, token: string, now = new Date()): Promise<ShareLanding> {
  if (!looksLikeShareToken(token)) return { state: "ended" };
  // Only what the page shows: anyone with the link may ask, many times a second.
  const share = await db.shareLink.findUnique({
    where: { tokenHash: hashShareToken(token) },
    select: { check: true, recipientName: true, message: true, expiresAt: true, revokedAt: true, lockedUntil: true },
  });
  if (!share || share.revokedAt || share.expiresAt <= now) return { state: "ended" };
  if (share.lockedUntil && share.lockedUntil > now) return { state: "locked", until: share.lockedUntil };
  return { state: "check", check: share.check, recipientName: share.recipientName, message: share.message };
}

export type ShareCheckResult =
  | { ok: true; session: string }
  | { ok: false; reason: "wrong"; triesLeft: number }
  | { ok: false; reason: "locked"; until: Date }
  | { ok: false; reason: "ended" };

type LiveShare = NonNullable<Awaited<ReturnType<typeof findLive>>>;

/** The consent the link was made under must still allow what it shares (it may have ended since). */
function consented(db: Parameters<typeof authorize>[0], share: LiveShare, at: Date) {
  return authorize(db, { patientId: share.patientId, recipient: { kind: "share-link", shareLinkId: share.id }, studyIds: share.studies.map((study) => study.studyId), purpose: share.purpose, at, download: share.allowDownload });
}

function recipientActor(share: LiveShare, client: ClientInfo, verified: boolean): ShareRecipientActor {
  return {
    kind: "share-recipient",
    shareLinkId: share.id,
    patientId: share.patientId,
    studyIds: share.studies.map((study) => study.studyId),
    allowDownload: share.allowDownload,
    displayName: verified ? share.recipientName : `Someone with the link sent to ${share.recipientName}`,
    client,
  };
}

/** A birth date typed as YYYY-MM-DD (what a date field sends) matches the patient's. */
function sameDate(answer: string, date: Date): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(answer.trim()) && answer.trim() === date.toISOString().slice(0, 10);
}

async function answerIsRight(share: LiveShare, answer: string): Promise<boolean> {
  if (share.check === "BIRTH_DATE") return sameDate(answer, share.patient.birthDate);
  const pin = normalizePin(answer);
  return /^\d{4,12}$/.test(pin) && (await verifyPassword(share.pinHash, pin));
}

function patientAddress(share: LiveShare): string | null {
  return share.patient.user?.email ?? share.patient.email;
}

/** Tells the patient; a mail server that is down must not keep the recipient out. */
async function tellPatient(share: LiveShare, email: { subject: string; text: string; html: string }): Promise<void> {
  const to = patientAddress(share);
  if (!to) return;
  await sendEmail({ to, ...email }).catch((error: unknown) => console.error("[shares] could not tell the patient:", error));
}

export type ShareCheckContext = { secret: string; publicUrl: string; client: ClientInfo; now?: Date };

/** Checks the answer (PIN or birth date) given on a link's landing page; right answers get a share session. */
export async function checkShareAnswer(db: Database, token: string, answer: string, context: ShareCheckContext): Promise<ShareCheckResult> {
  const now = context.now ?? new Date();
  const share = await findLive(db, token, now);
  if (!share) return { ok: false, reason: "ended" };
  const clientKey = context.client.address ?? "unknown";
  const clientLock = (await throttleState(db, SHARE_CLIENT_THROTTLE, clientKey, now)).lockedUntil;
  if (clientLock) return { ok: false, reason: "locked", until: clientLock };
  if (share.lockedUntil && share.lockedUntil > now) return { ok: false, reason: "locked", until: share.lockedUntil };
  const sharesUrl = `${context.publicUrl}/shares`;

  if (!(await answerIsRight(share, answer))) {
    const failed = await db.$transaction(async (tx) => {
      const row = await tx.shareLink.update({ where: { id: share.id }, data: { failedChecks: { increment: 1 } }, select: { failedChecks: true } });
      const lockedUntil = row.failedChecks >= FREE_CHECKS_PER_LINK ? new Date(now.getTime() + LINK_LOCK_MS) : null;
      if (lockedUntil) await tx.shareLink.update({ where: { id: share.id }, data: { lockedUntil, failedChecks: 0 } });
      await recordAuditEvent(tx, {
        actor: recipientActor(share, context.client, false),
        action: "share.pin-failed",
        patientId: share.patientId,
        channel: "share-link",
        entityType: "ShareLink",
        entityId: share.id,
        detail: { locked: lockedUntil !== null },
      });
      return { failedChecks: row.failedChecks, lockedUntil };
    }, AUDITED_TRANSACTION);
    const clientLocked = (await recordFailure(db, SHARE_CLIENT_THROTTLE, clientKey, now)).lockedUntil;
    if (failed.lockedUntil) {
      await tellPatient(share, shareLockedEmail(share.recipientName, failed.lockedUntil.toUTCString(), sharesUrl));
      return { ok: false, reason: "locked", until: failed.lockedUntil };
    }
    if (clientLocked) return { ok: false, reason: "locked", until: clientLocked };
    return { ok: false, reason: "wrong", triesLeft: FREE_CHECKS_PER_LINK - failed.failedChecks };
  }

  const opened = await db.$transaction(async (tx) => {
    if (!(await consented(tx, share, now)).allowed) return false;
    await tx.shareLink.update({ where: { id: share.id }, data: { failedChecks: 0, openCount: { increment: 1 }, lastOpenedAt: now } });
    await recordAuditEvent(tx, {
      actor: recipientActor(share, context.client, true),
      action: "share.open",
      patientId: share.patientId,
      studyIds: share.studies.map((study) => study.studyId),
      channel: "share-link",
      entityType: "ShareLink",
      entityId: share.id,
      recipientDisplay: share.recipientName,
    });
    return true;
  }, AUDITED_TRANSACTION);
  if (!opened) return { ok: false, reason: "ended" };
  await recordSuccess(db, SHARE_CLIENT_THROTTLE, clientKey);
  if (share.notifyOnOpen) await tellPatient(share, shareOpenedEmail(share.recipientName, now.toUTCString(), sharesUrl));
  return { ok: true, session: issueShareSession(share.id, context.secret, now.getTime()) };
}

/**
 * The recipient behind a share session, while the link it names is live and its consent still
 * allows what it shares; null otherwise. authorize() was asked when the session began
 * (checkShareAnswer); a viewer then makes hundreds of requests, so each is checked against the
 * consent loaded with the link in one query, by authorize()'s own rule (consentAllows).
 */
export async function shareRecipientFor(db: Database, shareLinkId: string | null, client: ClientInfo, now = new Date()): Promise<ShareRecipientActor | null> {
  if (!shareLinkId) return null;
  const load = async () => {
    const loaded = await loadShareRecipient(db, shareLinkId, client, now);
    // Never past the link's own end; a link that is over is asked about again each time.
    return { value: loaded?.actor ?? null, until: loaded ? Math.min(now.getTime() + RECHECK_AFTER_MS, loaded.expiresAt.getTime()) : 0 };
  };
  const actor = await recentlyChecked.get(shareLinkId, now.getTime(), load);
  return actor && { ...actor, client };
}

// A viewer fetches a study's frames in a burst of hundreds of requests: the link and its consent
// are read again at most every RECHECK_AFTER_MS per link in this process. Turning a link off here
// forgets it at once (forgetShareLinks, called by lib/consent/revoke.ts); another Carrier process
// sharing the database sees it within that time. They are the process's, on globalThis: Next's
// bundle and Carrier's server (which serves the share routes directly) each load this module.
const RECHECK_AFTER_MS = 2000;
const shared = globalThis as typeof globalThis & { carrierShareChecks?: KeptAnswers<ShareRecipientActor | null> };
const recentlyChecked = (shared.carrierShareChecks ??= new KeptAnswers(1024));

/** Makes the next request of these links' sessions read them again (they were just turned off). */
export function forgetShareLinks(shareLinkIds: readonly string[]): void {
  for (const id of shareLinkIds) recentlyChecked.forget(id);
}

async function loadShareRecipient(db: Database, shareLinkId: string, client: ClientInfo, now: Date): Promise<{ actor: ShareRecipientActor; expiresAt: Date } | null> {
  const share = await db.shareLink.findFirst({
    where: { id: shareLinkId, revokedAt: null, expiresAt: { gt: now } },
    select: {
      ...SHARE_FACTS,
      studies: { select: { studyId: true, study: { select: { id: true, studyDate: true } } } },
      consent: { select: { id: true, scope: true, studiesFrom: true, studiesTo: true, purpose: true, allowDownload: true, signedAt: true, expiresAt: true, revokedAt: true, studies: { select: { studyId: true } } } },
    },
  });
  if (!share) return null;
  const allowed = consentAllows(share.consent, { studies: share.studies.map((shared) => shared.study), purpose: share.purpose, at: now, download: share.allowDownload });
  return allowed ? { actor: recipientActor(share, client, true), expiresAt: share.expiresAt } : null;
}
