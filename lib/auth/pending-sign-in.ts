import { issueSignedNote, readSignedNote } from "./signed-note";

// After a correct password, an account with two-step sign-in gets this short-lived, signed note
// instead of a session; the second step presents it with the code, so the password is not sent
// again and never kept in the browser.

const LIFETIME_MS = 5 * 60_000;
const PURPOSE = "pending-sign-in";

export function issuePendingSignIn(userId: string, secret: string, now = Date.now()): string {
  return issueSignedNote(PURPOSE, { userId }, secret, LIFETIME_MS, now);
}

export function readPendingSignIn(token: string, secret: string, now = Date.now()): string | null {
  return readSignedNote(PURPOSE, token, secret, now)?.userId ?? null;
}
