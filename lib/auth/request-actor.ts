import { getToken } from "next-auth/jwt";
import { db } from "../db";
import { env } from "../env";
import type { UserActor } from "./actor";
import { clientInfo } from "./client-info";
import { actorForSession } from "./sessions";

/**
 * The signed-in user a request comes from, read from its session cookie with Auth.js's own
 * getToken (the cookie Auth.js sets, under the same name and secret), or null. Needs nothing but
 * the request's headers, so Carrier's server may call a route that uses it without Next's request
 * context (scripts/boot/direct-routes.ts); pages and actions reach it through currentActor().
 */
export async function actorOfRequest(headers: Headers): Promise<UserActor | null> {
  const settings = env();
  if (!settings.authSecret) return null;
  const token = await getToken({ req: { headers }, secret: settings.authSecret, secureCookie: settings.publicUrl.startsWith("https:") });
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  return sessionId ? actorForSession(db(), sessionId, clientInfo(headers)) : null;
}
