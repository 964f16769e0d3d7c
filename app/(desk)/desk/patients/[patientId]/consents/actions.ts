"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { consentFormError, type ConsentFormState } from "@/app/(patient)/consents/form-state";
import { currentActor } from "@/lib/auth";
import { recordConsentInPerson, recordPaperConsent } from "@/lib/consent/create";
import { consentFormValues } from "@/lib/consent/input";
import { db } from "@/lib/db";
import { blobStore } from "@/lib/storage";

// The front desk records a consent for a patient: signed in person on the pad, or a scanned paper
// form. The patient id is bound by the page; lib/consent checks it against the staff member.

const SESSION_ENDED = "Please sign in again: your session ended. The consent was not saved.";

async function recorded(patientId: string, record: () => Promise<{ id: string }>): Promise<ConsentFormState> {
  try {
    await record();
  } catch (error) {
    return consentFormError(error);
  }
  revalidatePath(`/desk/patients/${patientId}/consents`);
  redirect(`/desk/patients/${patientId}/consents?recorded=1`);
}

export async function recordInPersonAction(patientId: string, _previous: ConsentFormState, form: FormData): Promise<ConsentFormState> {
  const actor = await currentActor();
  if (!actor) return { message: SESSION_ENDED };
  return recorded(patientId, () => recordConsentInPerson(db(), actor, patientId, consentFormValues(form)));
}

export async function recordPaperAction(patientId: string, _previous: ConsentFormState, form: FormData): Promise<ConsentFormState> {
  const actor = await currentActor();
  if (!actor) return { message: SESSION_ENDED };
  const document = form.get("document");
  return recorded(patientId, () => recordPaperConsent(db(), blobStore(), actor, patientId, consentFormValues(form), document instanceof File ? document : null));
}
