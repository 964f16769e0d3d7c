"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { extendShareAction, setShareNoticesAction, turnOffShareAction, type ShareControlState } from "@/app/(patient)/shares/actions";
import { CheckboxField } from "@/components/consent/choices";
import { BUTTON_CLASSES, BUTTON_SHAPE } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { TYPED_SIGNATURE_ATTESTATION } from "@/lib/consent/wording";
import { SHARE_DAYS } from "@/lib/shares/input";

// What the patient can do with a live link: turn it off (one confirmation), give it more time
// (a new permission, signed by typing their name), and stop or start the email at each open.

function Outcome({ state }: { state: ShareControlState }) {
  if (!state.message) return null;
  return <FormMessage tone={state.status === "done" ? "success" : "error"}>{state.message}</FormMessage>;
}

function TurnOff({ shareId, recipient }: { shareId: string; recipient: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState(turnOffShareAction, {});
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  if (state.status === "done") return <Outcome state={state} />;
  if (!confirming) {
    return (
      <div>
        <button type="button" onClick={() => setConfirming(true)} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.danger}`}>
          Turn off the link
        </button>
      </div>
    );
  }
  return (
    <form action={action} className="flex max-w-xl flex-col gap-3 rounded-lg border-2 border-line-strong bg-canvas p-4">
      <p ref={question} tabIndex={-1} className="font-semibold">
        Turn off the link for {recipient}? They will not be able to open the images any more, even if they have the page open now.
      </p>
      <Outcome state={state} />
      <input type="hidden" name="shareId" value={shareId} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Turning off…" variant="danger">
          Yes, turn it off
        </SubmitButton>
        <button type="button" onClick={() => setConfirming(false)} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.secondary}`}>
          Keep it
        </button>
      </div>
    </form>
  );
}

function Notices({ shareId, on }: { shareId: string; on: boolean }) {
  const [state, action] = useActionState(setShareNoticesAction, {});
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="shareId" value={shareId} />
      <input type="hidden" name="notifyOnOpen" value={on ? "no" : "yes"} />
      <Outcome state={state} />
      <div>
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          {on ? "Stop emailing me when it is opened" : "Email me when it is opened"}
        </SubmitButton>
      </div>
    </form>
  );
}

function MoreTime({ shareId }: { shareId: string }) {
  const [state, action] = useActionState(extendShareAction, {});
  const errors = state.fieldErrors ?? {};
  if (state.status === "done") return <Outcome state={state} />;
  return (
    <details className="rounded-lg border border-line p-3">
      <summary className="cursor-pointer font-semibold">Give the link more time</summary>
      <form action={action} className="mt-4 flex flex-col gap-4">
        <Outcome state={state} />
        <input type="hidden" name="shareId" value={shareId} />
        <input type="hidden" name="signer" value="SELF" />
        <input type="hidden" name="signatureKind" value="TYPED" />
        <SelectField label="Works for another" name="days" defaultValue="14" options={SHARE_DAYS.map((days) => ({ value: String(days), label: `${days} days from today` }))} error={errors.expiresOn} />
        <p>This signs a new permission with the same terms and the new end date.</p>
        <CheckboxField name="statementsRead" label="I have read the statements on the permission I signed before, and they still apply" error={errors.statementsRead} />
        <TextField label="Your full name" name="typedName" autoComplete="name" error={errors.typedName} />
        <CheckboxField name="typedAttestation" label={TYPED_SIGNATURE_ATTESTATION} error={errors.typedAttestation} />
        <div>
          <SubmitButton pendingLabel="Saving…">Sign and give more time</SubmitButton>
        </div>
      </form>
    </details>
  );
}

export function ShareControls({ shareId, recipient, notifyOnOpen, patientCanSign }: { shareId: string; recipient: string; notifyOnOpen: boolean; patientCanSign: boolean }) {
  return (
    <div className="flex flex-col gap-4">
      {patientCanSign ? <MoreTime shareId={shareId} /> : null}
      <Notices shareId={shareId} on={notifyOnOpen} />
      <TurnOff shareId={shareId} recipient={recipient} />
    </div>
  );
}
