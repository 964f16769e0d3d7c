import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import type { ShareRecipientActor } from "../auth/actor";
import { clientInfo } from "../auth/client-info";
import { db } from "../db";
import { env } from "../env";
import { shareRecipientFor } from "./open";
import { readShareSession, SHARE_COOKIE } from "./share-session";

/** The share recipient of this request (from the share session cookie), or null. One read per request. */
export const currentShareRecipient = cache(async (): Promise<ShareRecipientActor | null> => {
  const secret = env().authSecret;
  if (!secret) return null;
  const shareLinkId = readShareSession((await cookies()).get(SHARE_COOKIE)?.value, secret);
  return shareRecipientFor(db(), shareLinkId, clientInfo(await headers()));
});
