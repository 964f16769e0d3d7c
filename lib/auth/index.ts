import "server-only";
import NextAuth from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { UserActor } from "./actor";
import { authConfig } from "./config";
import { actorOfRequest } from "./request-actor";

export const { handlers, signIn, signOut } = NextAuth(() => authConfig());

/** The signed-in user for this request, or null: read as the direct routes read it (actorOfRequest). One database read per request. */
export const currentActor = cache(async (): Promise<UserActor | null> => actorOfRequest(await headers()));

/** For pages and actions that need someone signed in: sends everyone else to sign in (staff areas to the staff form). */
export async function requireActor(returnTo: string): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) {
    const form = /^\/(admin|desk)(\/|$)/.test(returnTo) ? "/sign-in/staff" : "/sign-in";
    redirect(`${form}?${new URLSearchParams({ callbackUrl: returnTo }).toString()}`);
  }
  return actor;
}
