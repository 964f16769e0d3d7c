"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { revokeConsentAction, type RevokeState } from "@/app/(patient)/consents/actions";
import { BUTTON_CLASSES, BUTTON_SHAPE } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

// Withdrawing a permission takes one confirmation: it stops sending at once and cannot be undone
// (a new permission can be signed). Focus follows the question, and returns when it is cancelled.

/** `active` false: the consent is no longer in effect, and only the outcome of a withdrawal just made is shown. */
export function RevokeConsent({ consentId, recipient, active, byStaff = false }: { consentId: string; recipient: string; active: boolean; byStaff?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState<RevokeState, FormData>(async (previous, form) => {
    const next = await revokeConsentAction(previous, form);
    if (next.status === "done") setConfirming(false);
    return next;
  }, {});
  const question = useRef<HTMLParagraphElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (wasConfirming.current) trigger.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (state.status === "done") return <FormMessage tone="success">{state.message}</FormMessage>;
  if (!active) return null;
  return (
    <div className="flex flex-col gap-3">
      {confirming ? (
        <div className="flex max-w-xl flex-col gap-3 rounded-lg border-2 border-line-strong bg-canvas p-4">
          <p ref={question} tabIndex={-1} className="font-semibold">
            Withdraw this permission for {recipient}? Nothing more will be sent or shown to them under it, and anything waiting to be sent is stopped.
          </p>
          <form action={action} className="flex flex-col gap-3">
            <input type="hidden" name="consentId" value={consentId} />
            {byStaff ? (
              <div className="flex flex-col gap-1.5">
                <label htmlFor={`reason-${consentId}`} className="font-semibold">
                  Reason (optional)
                </label>
                <input id={`reason-${consentId}`} name="reason" maxLength={500} className="min-h-12 max-w-md rounded-lg border-2 border-line-strong bg-surface px-3" />
              </div>
            ) : null}
            <div className="flex flex-wrap gap-3">
              <SubmitButton pendingLabel="Withdrawing…" variant="danger">
                Yes, withdraw it
              </SubmitButton>
              <button type="button" onClick={() => setConfirming(false)} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.secondary}`}>
                Keep it
              </button>
            </div>
          </form>
        </div>
      ) : (
        <div>
          <button ref={trigger} type="button" onClick={() => setConfirming(true)} className={`${BUTTON_SHAPE} border-2 border-danger bg-surface text-danger-strong hover:bg-danger-soft`}>
            Withdraw this permission
            <span className="sr-only"> for {recipient}</span>
          </button>
        </div>
      )}
      {state.status === "error" ? <FormMessage tone="error">{state.message}</FormMessage> : null}
    </div>
  );
}
