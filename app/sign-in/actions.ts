"use server";

import { AuthError } from "next-auth";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeReturnPath } from "@/lib/auth/return-to";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";

export type SignInFormState = { message?: string; email?: string; pending?: string };

const emailField = z.email().trim().toLowerCase().max(320);

/** Patients and clinicians: email me a link. The answer is the same whether or not the address has an account. */
export async function requestSignInLink(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const email = emailField.safeParse(form.get("email"));
  if (!email.success) return { message: "Enter your email address, like name@example.com.", email: formText(form, "email") };
  try {
    await signIn("email", { email: email.data, redirectTo: safeReturnPath(form.get("callbackUrl")), redirect: false });
  } catch (error) {
    if (isRedirectError(error)) throw error;
    if (error instanceof AppError) return { message: error.userMessage, email: email.data };
    console.error("[sign-in] sending a link failed:", error);
    return { message: "Something went wrong on our side. Please try again in a few minutes.", email: email.data };
  }
  redirect("/sign-in/check-email");
}

const STAFF_MESSAGES: Record<string, string> = {
  invalid: "The email or password is not right. Check them and try again.",
  totp_invalid: "That code is not right, or it has expired. Enter the newest code from your authenticator app.",
};

/** Staff: email and password, then the authenticator code when they have set one up. */
export async function staffSignIn(_previous: SignInFormState, form: FormData): Promise<SignInFormState> {
  const email = formText(form, "email").trim();
  try {
    await signIn("password", { email, password: formText(form, "password"), pending: formText(form, "pending"), code: formText(form, "code"), redirectTo: safeReturnPath(form.get("callbackUrl"), "/desk") });
  } catch (error) {
    if (isRedirectError(error)) throw error;
    if (!(error instanceof AuthError)) throw error;
    const [reason = "invalid", pending] = ((error as AuthError & { code?: string }).code ?? "invalid").split(":");
    if (reason === "totp_required") return { email, pending };
    const locked = /^locked-(\d+)$/.exec(reason);
    if (locked) {
      const minutes = Number(locked[1]);
      return { email, message: `Too many attempts. For your safety, signing in with this email is paused for ${minutes} minute${minutes === 1 ? "" : "s"}. Try again after that.` };
    }
    if (reason === "totp_invalid" && pending) return { email, pending, message: STAFF_MESSAGES.totp_invalid };
    return { email, message: STAFF_MESSAGES.invalid };
  }
  return {};
}
