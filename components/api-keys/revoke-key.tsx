"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { revokeApiKeyAction, type RevokeKeyState } from "@/app/(admin)/admin/api-keys/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { BUTTON_CLASSES, BUTTON_SHAPE } from "@/components/ui/button";

// Revoking cuts a system off for good, so it takes a second, deliberate step. Focus follows the
// step: to the question when it opens, back to the button on cancel, and to the outcome once the
// key is revoked (the button is gone then).
export function RevokeKey({ apiKeyId, name, revoked }: { apiKeyId: string; name: string; revoked: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState<RevokeKeyState, FormData>(async (previous, form) => {
    const next = await revokeApiKeyAction(previous, form);
    if (next.status === "done") setConfirming(false);
    return next;
  }, {});
  const question = useRef<HTMLParagraphElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) question.current?.focus();
    else if (wasConfirming.current) (trigger.current ?? outcome.current)?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <div className="flex flex-col gap-3 border-t border-line pt-4 empty:hidden">
      {revoked ? null : confirming ? (
        <div className="flex max-w-xl flex-col gap-3 rounded-lg border-2 border-line-strong bg-canvas p-4">
          <p ref={question} tabIndex={-1} className="font-semibold">
            Revoke the key for {name}? The system will be refused from its next request, and a revoked key cannot be turned back on.
          </p>
          <form action={action} className="flex flex-wrap gap-3">
            <input type="hidden" name="apiKeyId" value={apiKeyId} />
            <SubmitButton pendingLabel="Revoking…" variant="danger">
              Yes, revoke<span className="sr-only"> the key for {name}</span>
            </SubmitButton>
            <button type="button" onClick={() => setConfirming(false)} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.secondary}`}>
              Cancel
            </button>
          </form>
        </div>
      ) : (
        <div>
          <button ref={trigger} type="button" onClick={() => setConfirming(true)} className={`${BUTTON_SHAPE} border-2 border-danger bg-surface text-danger-strong hover:bg-danger-soft`}>
            Revoke<span className="sr-only"> the key for {name}</span>
          </button>
        </div>
      )}
      {state.message ? (
        <div ref={outcome} tabIndex={-1}>
          <FormMessage tone={state.status === "error" ? "error" : "success"}>{state.message}</FormMessage>
        </div>
      ) : null}
    </div>
  );
}
