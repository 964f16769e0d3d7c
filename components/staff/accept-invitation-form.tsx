"use client";

import { useActionState } from "react";
import { acceptInvitationAction, type AcceptInvitationState } from "@/app/invitation/[token]/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { FormMessage } from "@/components/ui/form-message";

// Password and confirmation; each error sits under the box it is about. If the link dies while the
// page is open (used in another tab, expired), the form is replaced by the explanation.
export function AcceptInvitationForm({ token, minLength }: { token: string; minLength: number }) {
  const [state, action] = useActionState<AcceptInvitationState, FormData>(acceptInvitationAction, {});
  if (state.expired) return <FormMessage tone="error">{state.expired}</FormMessage>;
  return (
    <form action={action} className="flex flex-col gap-5" noValidate>
      <input type="hidden" name="token" value={token} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters. A few unrelated words make a strong password that is easy to remember.`}
        error={state.passwordError}
      />
      <TextField label="Type the password again" name="confirm" type="password" autoComplete="new-password" required error={state.confirmError} />
      <div>
        <SubmitButton pendingLabel="Setting your password…">Set password</SubmitButton>
      </div>
    </form>
  );
}
