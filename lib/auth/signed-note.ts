import { createHmac, timingSafeEqual } from "node:crypto";

// A short-lived note that Carrier hands out and later believes because it signed it (HMAC with
// AUTH_SECRET): who passed a first sign-in step, which share link a recipient opened. The purpose
// is part of what is signed, so a note made for one thing is worthless for another.

type Fields = Record<string, string>;

function sign(purpose: string, payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${payload}`).digest("base64url");
}

export function issueSignedNote(purpose: string, fields: Fields, secret: string, lifetimeMs: number, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...fields, expires: now + lifetimeMs })).toString("base64url");
  return `${payload}.${sign(purpose, payload, secret)}`;
}

/** The note's fields, or null when it is forged, altered, made for another purpose, or over. */
export function readSignedNote(purpose: string, note: string | undefined, secret: string, now = Date.now()): Fields | null {
  const [payload, signature] = note?.split(".") ?? [];
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(purpose, payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { expires, ...fields } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof expires !== "number" || expires <= now) return null;
    return Object.values(fields).every((value) => typeof value === "string") ? (fields as Fields) : null;
  } catch {
    return null;
  }
}
