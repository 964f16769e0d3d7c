"use client";

import { useActionState } from "react";
import { totpStep, type TotpFormState } from "@/app/account/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

// Turn on two-step sign-in: scan the code (or type the key), then prove it works with one code.
// Once it is on, the account page shows so (the action refreshes it) and this form is gone.
export function TotpSetup() {
  const [state, action] = useActionState<TotpFormState, FormData>(totpStep, {});
  if (!state.setup) {
    return (
      <form action={action}>
        <input type="hidden" name="step" value="start" />
        {state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
        <SubmitButton pendingLabel="Preparing…" variant="secondary">
          Turn on two-step sign-in
        </SubmitButton>
      </form>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-5">
      <input type="hidden" name="step" value="confirm" />
      <ol className="list-decimal space-y-2 pl-6">
        <li>Open your authenticator app and add an account.</li>
        <li>Scan this code, or type the key below it.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      {/* The SVG is made on our server by the qrcode package from the key above: no outside markup. */}
      <div role="img" aria-label="QR code to add Carrier to your authenticator app" className="size-48 rounded-lg border border-line bg-white p-2" dangerouslySetInnerHTML={{ __html: state.setup.qrCodeSvg }} />
      <p>
        Key: <code className="rounded bg-canvas px-2 py-1 font-mono text-sm break-all" data-testid="totp-secret">{state.setup.secret}</code>
      </p>
      {state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      <TextField label="Code from your app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} required />
      <div>
        <SubmitButton pendingLabel="Checking…">Turn it on</SubmitButton>
      </div>
    </form>
  );
}
