"use server";

import { revalidatePath } from "next/cache";
import type { ApiKeyScope } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formText } from "@/lib/form-data";
import { InvalidApiKeyFieldsError, type IssueApiKeyFieldErrors } from "@/lib/api-keys/input";
import { issueApiKey } from "@/lib/api-keys/issue";
import { revokeApiKey } from "@/lib/api-keys/revoke";

// The API keys page's server actions. Each re-reads who is signed in; the lib functions check
// "api-key.manage" and every id again. These only turn outcomes into words for the forms.

const API_KEYS_PAGE = "/admin/api-keys";

/** A key just issued: in this one answer to the administrator's browser, and nowhere else ever again. */
export type NewApiKey = { key: string; name: string; prefix: string; organizationName: string; scopes: ApiKeyScope[]; expiresAt: string | null };

export type IssueKeyFormState = {
  status?: "issued" | "error";
  message?: string;
  fieldErrors?: IssueApiKeyFieldErrors;
  /** What was chosen, to put back in the form after an error. */
  values?: { name: string; organizationId: string; scopes: string[]; expiry: string };
  issued?: NewApiKey;
};

export type RevokeKeyState = { status?: "done" | "error"; message?: string };

export async function issueApiKeyAction(_previous: IssueKeyFormState, form: FormData): Promise<IssueKeyFormState> {
  const actor = await requireActor(API_KEYS_PAGE);
  const values = {
    name: formText(form, "name"),
    organizationId: formText(form, "organizationId"),
    scopes: form.getAll("scopes").filter((scope): scope is string => typeof scope === "string"),
    expiry: formText(form, "expiry"),
  };
  try {
    const issued = await issueApiKey(db(), actor, values);
    revalidatePath(API_KEYS_PAGE);
    return {
      status: "issued",
      issued: { key: issued.key, name: issued.name, prefix: issued.prefix, organizationName: issued.organizationName, scopes: issued.scopes, expiresAt: issued.expiresAt?.toISOString() ?? null },
    };
  } catch (error) {
    if (error instanceof InvalidApiKeyFieldsError) return { status: "error", message: "Check the highlighted fields.", fieldErrors: error.fieldErrors, values };
    if (error instanceof AppError) return { status: "error", message: error.userMessage, values };
    throw error;
  }
}

export async function revokeApiKeyAction(_previous: RevokeKeyState, form: FormData): Promise<RevokeKeyState> {
  const actor = await requireActor(API_KEYS_PAGE);
  try {
    const result = await revokeApiKey(db(), actor, formText(form, "apiKeyId"));
    revalidatePath(API_KEYS_PAGE);
    return {
      status: "done",
      message: result.changed ? `The key for ${result.name} is revoked. Its next request will be refused.` : `The key for ${result.name} was already revoked.`,
    };
  } catch (error) {
    if (error instanceof AppError) return { status: "error", message: error.userMessage };
    throw error;
  }
}
