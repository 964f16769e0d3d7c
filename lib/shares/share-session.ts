import { issueSignedNote, readSignedNote } from "../auth/signed-note";

// The recipient's short session after passing a link's check: a signed note naming the share
// link, kept in an httpOnly cookie. It is checked against the link on every request, so revoking
// or expiring the link ends the session at once; the note itself lives half an hour.

export const SHARE_COOKIE = "carrier-share";
export const SHARE_SESSION_SECONDS = 30 * 60;
const PURPOSE = "share-session";

export function issueShareSession(shareLinkId: string, secret: string, now = Date.now()): string {
  return issueSignedNote(PURPOSE, { shareLinkId }, secret, SHARE_SESSION_SECONDS * 1000, now);
}

/** The share link a session note names, or null when it is forged, altered or over. */
export function readShareSession(value: string | undefined, secret: string, now = Date.now()): string | null {
  return readSignedNote(PURPOSE, value, secret, now)?.shareLinkId ?? null;
}
