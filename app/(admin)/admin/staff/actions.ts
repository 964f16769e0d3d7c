"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/mailer";
import { staffInvitationEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";
import type { UserActor } from "@/lib/auth/actor";
import { InvalidStaffFieldsError, type InviteStaffFieldErrors } from "@/lib/staff/input";
import { inviteStaff, resendInvitation, type Invitation } from "@/lib/staff/invite";
import { changeRole, deactivate, reactivate } from "@/lib/staff/manage";
import type { ManagedRole } from "@/lib/staff/roles";

// The staff page's server actions. Each one re-reads who is signed in, and the lib functions check
// "staff.manage" and every id again; these only turn outcomes into words for the form.

const STAFF_PAGE = "/admin/staff";

export type InviteFormState = {
  status?: "sent" | "error";
  message?: string;
  fieldErrors?: InviteStaffFieldErrors;
  /** What was typed, to put back in the form after an error. */
  values?: { name: string; email: string; role: string; organizationId: string };
};

export type StaffActionState = { status?: "done" | "error"; message?: string };

async function sendInvitationEmail(actor: UserActor, invitation: Invitation): Promise<void> {
  const url = `${env().publicUrl}/invitation/${invitation.token}`;
  await sendEmail({ to: invitation.email, ...staffInvitationEmail(url, actor.displayName, invitation.organizationName, invitation.days) });
}

const ROLE_NAMES: Record<ManagedRole, string> = { FRONT_DESK: "front desk staff", ADMIN: "an administrator", CLINICIAN: "a clinician" };

const EMAIL_FAILED = "could not be emailed just now. Use “Send a new invitation” beside their name in a few minutes.";

export async function inviteStaffAction(_previous: InviteFormState, form: FormData): Promise<InviteFormState> {
  const actor = await requireActor(STAFF_PAGE);
  const values = { name: formText(form, "name"), email: formText(form, "email"), role: formText(form, "role"), organizationId: formText(form, "organizationId") };
  let invitation: Invitation;
  try {
    invitation = await inviteStaff(db(), actor, values);
  } catch (error) {
    if (error instanceof InvalidStaffFieldsError) return { status: "error", message: "Check the highlighted fields.", fieldErrors: error.fieldErrors, values };
    if (error instanceof AppError) return { status: "error", message: error.userMessage, values };
    throw error;
  }
  revalidatePath(STAFF_PAGE);
  try {
    await sendInvitationEmail(actor, invitation);
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: `The account for ${invitation.name} was created, but the invitation ${EMAIL_FAILED}` };
    throw error;
  }
  return { status: "sent", message: `Invitation sent to ${invitation.name} (${invitation.email}). The link works for ${invitation.days} days.` };
}

async function staffChange(form: FormData, change: (actor: UserActor, userId: string) => Promise<StaffActionState>): Promise<StaffActionState> {
  const actor = await requireActor(STAFF_PAGE);
  try {
    const outcome = await change(actor, formText(form, "userId"));
    revalidatePath(STAFF_PAGE);
    return outcome;
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.userMessage };
    throw error;
  }
}

const done = (message: string): StaffActionState => ({ status: "done", message });

export async function changeRoleAction(_previous: StaffActionState, form: FormData): Promise<StaffActionState> {
  return staffChange(form, async (actor, userId) => {
    const result = await changeRole(db(), actor, userId, formText(form, "role"));
    return done(result.changed ? `${result.name} is now ${ROLE_NAMES[result.role]}.` : `${result.name} already has that role.`);
  });
}

/** Deactivate or reactivate, as the confirmed form says; one action so one form state covers both. */
export async function accountSwitchAction(_previous: StaffActionState, form: FormData): Promise<StaffActionState> {
  return staffChange(form, async (actor, userId) => {
    if (formText(form, "change") === "reactivate") {
      const result = await reactivate(db(), actor, userId);
      return done(result.changed ? `${result.name}'s account is active again. They can sign in.` : `${result.name}'s account was already active.`);
    }
    const result = await deactivate(db(), actor, userId);
    return done(result.changed ? `${result.name}'s account is deactivated, and they were signed out everywhere.` : `${result.name}'s account was already deactivated.`);
  });
}

export async function resendInvitationAction(_previous: StaffActionState, form: FormData): Promise<StaffActionState> {
  return staffChange(form, async (actor, userId) => {
    const invitation = await resendInvitation(db(), actor, userId);
    try {
      await sendInvitationEmail(actor, invitation);
    } catch (error) {
      if (error instanceof AppError) return { status: "error", message: `A new link was made for ${invitation.name}, but it ${EMAIL_FAILED}` };
      throw error;
    }
    return done(`A new invitation was sent to ${invitation.email}. Earlier links no longer work.`);
  });
}
