"use client";

import { useActionState } from "react";
import { checkShare, type ShareCheckState } from "@/app/s/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

// The one question between a link and the images: the PIN the patient sent separately, or the
// patient's birth date.
export function ShareCheckForm({ token, check }: { token: string; check: "PIN" | "BIRTH_DATE" }) {
  const [state, action] = useActionState<ShareCheckState, FormData>(checkShare.bind(null, token), {});
  return (
    <form action={action} className="flex max-w-md flex-col gap-5" noValidate>
      {state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      {check === "PIN" ? (
        <TextField label="PIN" name="answer" inputMode="numeric" autoComplete="one-time-code" required hint="The patient sent you a PIN separately, by text or phone. It has 6 digits." />
      ) : (
        <TextField label="The patient's date of birth" name="answer" type="date" required hint="Ask the patient if you do not know it." />
      )}
      <div>
        <SubmitButton pendingLabel="Checking…">Open the images</SubmitButton>
      </div>
    </form>
  );
}
