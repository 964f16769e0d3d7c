import "server-only";
import NextAuth from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import type { UserActor } from "./actor";
import { clientInfo } from "./client-info";
import { authConfig } from "./config";
import { actorForSession } from "./sessions";

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/** The signed-in user for this request, or null. One database read per request. */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  const session = await auth();
  const sessionId = (session as { sid?: string } | null)?.sid;
  if (!sessionId) return null;
  return actorForSession(db(), sessionId, clientInfo(await headers()));
});

/** For pages and actions that need someone signed in: sends everyone else to sign in (staff areas to the staff form). */
export async function requireActor(returnTo: string): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) {
    const form = /^\/(admin|desk)(\/|$)/.test(returnTo) ? "/sign-in/staff" : "/sign-in";
    redirect(`${form}?${new URLSearchParams({ callbackUrl: returnTo }).toString()}`);
  }
  return actor;
}
