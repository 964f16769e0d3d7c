import { InvalidConsentFieldsError, type ConsentFieldErrors } from "@/lib/consent/input";
import { AppError } from "@/lib/errors";

// What the consent forms' server actions send back: field errors beside their answers, or one sentence.

export type ConsentFormState = { message?: string; fieldErrors?: ConsentFieldErrors };

export function consentFormError(error: unknown): ConsentFormState {
  if (error instanceof InvalidConsentFieldsError) return { message: "Please fix the answers marked below.", fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { message: error.userMessage };
  throw error;
}
