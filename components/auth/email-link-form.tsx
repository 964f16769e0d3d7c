"use client";

import { useActionState } from "react";
import { requestSignInLink, type SignInFormState } from "@/app/sign-in/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function EmailLinkForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState<SignInFormState, FormData>(requestSignInLink, {});
  return (
    <form action={action} className="flex flex-col gap-5" noValidate>
      {state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField label="Email address" name="email" type="email" autoComplete="email" required defaultValue={state.email} hint="We will email you a link that signs you in. No password needed." />
      <div>
        <SubmitButton pendingLabel="Sending the link…">Email me a sign-in link</SubmitButton>
      </div>
    </form>
  );
}
