import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { ShareRecipientActor } from "../auth/actor";
import { shareRecipientOf } from "./recipient-of-request";

/** The share recipient of this request (from the share session cookie), or null. One read per request. */
export const currentShareRecipient = cache(async (): Promise<ShareRecipientActor | null> => shareRecipientOf(await headers()));
