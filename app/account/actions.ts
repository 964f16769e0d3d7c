"use server";

import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { currentActor, signOut } from "@/lib/auth";
import { endAllSessions, endSession } from "@/lib/auth/sessions";
import { confirmTotpEnrolment, startTotpEnrolment, type TotpSetup } from "@/lib/auth/totp-enrolment";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, NotSignedInError } from "@/lib/errors";
import { formText } from "@/lib/form-data";

async function signedIn() {
  const actor = await currentActor();
  if (!actor) throw new NotSignedInError();
  return actor;
}

export async function signOutHere(): Promise<void> {
  const actor = await currentActor();
  if (actor) {
    await endSession(db(), actor);
    await recordAudit(db(), { actor, action: "auth.sign-out", entityType: "Session", entityId: actor.sessionId ?? undefined });
  }
  await signOut({ redirectTo: "/" });
}

export async function signOutEverywhere(): Promise<void> {
  const actor = await signedIn();
  const ended = await endAllSessions(db(), actor);
  await recordAudit(db(), { actor, action: "auth.sign-out-everywhere", entityType: "User", entityId: actor.userId, detail: { sessionsEnded: ended } });
  await signOut({ redirectTo: "/sign-in?signedOut=everywhere" });
}

export type TotpFormState = { setup?: TotpSetup; message?: string };

function authSecret(): string {
  const secret = env().authSecret;
  if (!secret) throw new Error("AUTH_SECRET is not set.");
  return secret;
}

export async function totpStep(previous: TotpFormState, form: FormData): Promise<TotpFormState> {
  const actor = await signedIn();
  try {
    if (form.get("step") === "start") return { setup: await startTotpEnrolment(db(), actor, authSecret()) };
    await confirmTotpEnrolment(db(), actor, authSecret(), formText(form, "code"));
    await recordAudit(db(), { actor, action: "auth.totp-enabled", entityType: "User", entityId: actor.userId });
    revalidatePath("/account");
    return {};
  } catch (error) {
    if (error instanceof AppError) return { ...previous, message: error.userMessage };
    throw error;
  }
}
