"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";
import { openWithReason } from "@/lib/patients/access-reasons";

// An administrator states why they open a patient's data. Re-reads who is signed in; the lib
// function checks the role, the patient id and the reason again.

export type OpenWithReasonState = { message?: string; reason?: string };

export async function openWithReasonAction(_previous: OpenWithReasonState, form: FormData): Promise<OpenWithReasonState> {
  const patientId = formText(form, "patientId");
  const page = `/admin/patients/${encodeURIComponent(patientId)}`;
  const actor = await requireActor(page);
  const reason = formText(form, "reason");
  try {
    await openWithReason(db(), actor, patientId, reason);
  } catch (error) {
    if (error instanceof AppError) return { message: error.userMessage, reason };
    throw error;
  }
  redirect(page);
}
