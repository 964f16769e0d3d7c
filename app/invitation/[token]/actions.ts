"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientInfo } from "@/lib/auth/client-info";
import { checkNewPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";
import { acceptInvitation, InvitationExpiredError } from "@/lib/staff/accept-invitation";

export type AcceptInvitationState = {
  /** The link no longer works: the form gives way to the explanation. */
  expired?: string;
  passwordError?: string;
  confirmError?: string;
};

export async function acceptInvitationAction(_previous: AcceptInvitationState, form: FormData): Promise<AcceptInvitationState> {
  const password = formText(form, "password");
  try {
    checkNewPassword(password);
  } catch (error) {
    if (error instanceof AppError) return { passwordError: error.userMessage };
    throw error;
  }
  if (formText(form, "confirm") !== password) return { confirmError: "The two passwords are not the same. Type the same password in both boxes." };
  try {
    await acceptInvitation(db(), formText(form, "token"), password, clientInfo(await headers()));
  } catch (error) {
    if (error instanceof InvitationExpiredError) return { expired: error.userMessage };
    if (error instanceof AppError) return { passwordError: error.userMessage };
    throw error;
  }
  redirect("/invitation/accepted");
}
