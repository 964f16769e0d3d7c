"use client";

import { useActionState } from "react";
import { staffSignIn, type SignInFormState } from "@/app/sign-in/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

// Two steps in one form: email and password, then (for accounts with two-step sign-in) the code.
// The second step carries a signed note from the first, not the password.
export function StaffSignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState<SignInFormState, FormData>(staffSignIn, {});
  return (
    <form action={action} className="flex flex-col gap-5" noValidate>
      {state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      {state.pending ? (
        <>
          <input type="hidden" name="email" value={state.email ?? ""} />
          <input type="hidden" name="pending" value={state.pending} />
          <p className="text-ink-muted">Your password is right. One more step: two-step sign-in is on for {state.email}.</p>
          <TextField
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          autoFocus
          hint="Enter the 6-digit code from your authenticator app."
          />
        </>
      ) : (
        <>
          <TextField label="Work email" name="email" type="email" autoComplete="username" required defaultValue={state.email} />
          <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        </>
      )}
      <div>
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}
