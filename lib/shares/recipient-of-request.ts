import type { ShareRecipientActor } from "../auth/actor";
import { clientInfo } from "../auth/client-info";
import { db } from "../db";
import { env } from "../env";
import { cookieValue } from "../http/cookie";
import { shareRecipientFor } from "./open";
import { readShareSession, SHARE_COOKIE } from "./share-session";

/**
 * The share recipient a request comes from (its share session cookie), or null. Reads only the
 * request's headers, so Carrier's server may call the share routes without Next's request
 * context (scripts/boot/direct-routes.ts).
 */
export async function shareRecipientOf(headers: Headers): Promise<ShareRecipientActor | null> {
  const secret = env().authSecret;
  if (!secret) return null;
  return shareRecipientFor(db(), readShareSession(cookieValue(headers, SHARE_COOKIE), secret), clientInfo(headers));
}
