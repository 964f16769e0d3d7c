"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth";
import { signConsent } from "@/lib/consent/create";
import { consentFormValues } from "@/lib/consent/input";
import { revokeConsent } from "@/lib/consent/revoke";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";
import { consentFormError, type ConsentFormState } from "./form-state";

// The consent pages' server actions. Each one re-reads who is signed in; lib/consent checks the
// policy and every id again. These only turn outcomes into words for the form.

const SESSION_ENDED = "Please sign in again: your session ended. Your answers were not sent.";

export async function signConsentAction(_previous: ConsentFormState, form: FormData): Promise<ConsentFormState> {
  const actor = await currentActor();
  if (!actor?.patientId) return { message: SESSION_ENDED };
  let consentId: string;
  try {
    consentId = (await signConsent(db(), actor, actor.patientId, consentFormValues(form))).id;
  } catch (error) {
    return consentFormError(error);
  }
  revalidatePath("/consents");
  redirect(`/consents/${consentId}?signed=1`);
}

export type RevokeState = { status?: "done" | "error"; message?: string };

/** Withdraws a consent, for the patient or by the desk for them; the consent id is checked against the actor in lib. */
export async function revokeConsentAction(_previous: RevokeState, form: FormData): Promise<RevokeState> {
  const actor = await currentActor();
  if (!actor) return { status: "error", message: SESSION_ENDED };
  try {
    const revocation = await revokeConsent(db(), actor, formText(form, "consentId"), formText(form, "reason"));
    revalidatePath("/consents", "layout");
    revalidatePath("/desk/patients/[patientId]/consents", "page");
    const stopped = revocation.transfersCanceled > 0 ? ` ${revocation.transfersCanceled} ${revocation.transfersCanceled === 1 ? "sending that had not finished was" : "sendings that had not finished were"} stopped.` : "";
    const links = revocation.shareLinksEnded > 0 ? ` ${revocation.shareLinksEnded} shared ${revocation.shareLinksEnded === 1 ? "link was" : "links were"} turned off.` : "";
    return { status: "done", message: `The permission was withdrawn.${stopped}${links}` };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.userMessage };
    throw error;
  }
}
