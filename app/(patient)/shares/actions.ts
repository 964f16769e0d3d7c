"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth";
import { consentFormValues, InvalidConsentFieldsError } from "@/lib/consent/input";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";
import { createShare } from "@/lib/shares/create";
import { shareFormValues } from "@/lib/shares/input";
import type { ShareFieldErrors } from "@/lib/shares/input";
import { extendShare, setShareNotices, turnOffShare } from "@/lib/shares/manage";

// The share pages' server actions, for the patient and for the desk on a patient's behalf. Each
// re-reads who is signed in; lib/shares checks the policy and every id again.

export type ShareFormState = {
  message?: string;
  fieldErrors?: ShareFieldErrors;
  created?: { url: string; pin: string | null; qrSvg: string; emailed: boolean; recipientName: string; expiresAt: string };
};

const SESSION_ENDED = "Please sign in again: your session ended. Nothing was shared.";

function formError(error: unknown): ShareFormState {
  if (error instanceof InvalidConsentFieldsError) return { message: "Please fix the answers marked below.", fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { message: error.userMessage };
  throw error;
}

export async function createShareAction(patientId: string, _previous: ShareFormState, form: FormData): Promise<ShareFormState> {
  const actor = await currentActor();
  if (!actor) return { message: SESSION_ENDED };
  try {
    const share = await createShare(db(), actor, patientId, shareFormValues(form, consentFormValues(form)), { publicUrl: env().publicUrl });
    revalidatePath("/shares");
    return { created: { url: share.url, pin: share.pin, qrSvg: share.qrSvg, emailed: share.emailed, recipientName: share.recipientName, expiresAt: share.expiresAt.toISOString() } };
  } catch (error) {
    return formError(error);
  }
}

export type ShareControlState = { status?: "done" | "error"; message?: string; fieldErrors?: ShareFieldErrors };

async function control(work: () => Promise<string>): Promise<ShareControlState> {
  try {
    const message = await work();
    revalidatePath("/shares");
    return { status: "done", message };
  } catch (error) {
    if (error instanceof InvalidConsentFieldsError) return { status: "error", message: "Please fix the answers marked below.", fieldErrors: error.fieldErrors };
    if (error instanceof AppError) return { status: "error", message: error.userMessage };
    throw error;
  }
}

export async function turnOffShareAction(_previous: ShareControlState, form: FormData): Promise<ShareControlState> {
  const actor = await currentActor();
  if (!actor) return { status: "error", message: SESSION_ENDED };
  return control(async () => {
    await turnOffShare(db(), actor, formText(form, "shareId"));
    return "The link is off. Nobody can open the images with it any more.";
  });
}

export async function setShareNoticesAction(_previous: ShareControlState, form: FormData): Promise<ShareControlState> {
  const actor = await currentActor();
  if (!actor) return { status: "error", message: SESSION_ENDED };
  const on = formText(form, "notifyOnOpen") === "yes";
  return control(async () => {
    await setShareNotices(db(), actor, formText(form, "shareId"), on);
    return on ? "We will email you each time the link is opened." : "We will not email you when the link is opened. It is still in your list of who saw your images.";
  });
}

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export async function extendShareAction(_previous: ShareControlState, form: FormData): Promise<ShareControlState> {
  const actor = await currentActor();
  if (!actor) return { status: "error", message: SESSION_ENDED };
  return control(async () => {
    const { expiresAt } = await extendShare(db(), actor, formText(form, "shareId"), { ...consentFormValues(form), days: formText(form, "days") });
    return `The link now works through ${LONG_DATE.format(new Date(expiresAt.getTime() - 1))}.`;
  });
}
