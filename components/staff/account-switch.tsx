"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { accountSwitchAction, type StaffActionState } from "@/app/(admin)/admin/staff/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

const buttonBase = "inline-flex min-h-12 items-center justify-center rounded-lg px-6 py-3 font-semibold";

// Deactivating signs someone out everywhere, so it takes a second, deliberate step. Focus follows
// the step: to the question when it opens, back to the button when it is cancelled.
export function AccountSwitch({ userId, name, deactivated }: { userId: string; name: string; deactivated: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action] = useActionState<StaffActionState, FormData>(async (previous, form) => {
    const next = await accountSwitchAction(previous, form);
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

  const verb = deactivated ? "Reactivate" : "Deactivate";
  const consequence = deactivated
    ? `${name} will be able to sign in again.`
    : `${name} will be signed out everywhere at once and will not be able to sign in until an administrator reactivates the account.`;

  return (
    <div className="flex flex-col gap-3">
      {confirming ? (
        <div className="flex max-w-xl flex-col gap-3 rounded-lg border-2 border-line-strong bg-canvas p-4">
          <p ref={question} tabIndex={-1} className="font-semibold">
            {verb} {name}&rsquo;s account? {consequence}
          </p>
          <form action={action} className="flex flex-wrap gap-3">
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="change" value={deactivated ? "reactivate" : "deactivate"} />
            <SubmitButton pendingLabel={deactivated ? "Reactivating…" : "Deactivating…"} variant={deactivated ? "primary" : "danger"}>
              Yes, {verb.toLowerCase()}
              <span className="sr-only"> {name}</span>
            </SubmitButton>
            <button type="button" onClick={() => setConfirming(false)} className={`${buttonBase} border-2 border-brand bg-surface text-brand-strong hover:bg-brand-soft`}>
              Cancel
            </button>
          </form>
        </div>
      ) : (
        <div>
          <button
            ref={trigger}
            type="button"
            onClick={() => setConfirming(true)}
            className={`${buttonBase} border-2 ${deactivated ? "border-brand bg-surface text-brand-strong hover:bg-brand-soft" : "border-danger bg-surface text-danger-strong hover:bg-danger-soft"}`}
          >
            {verb}
            <span className="sr-only"> {name}</span>
          </button>
        </div>
      )}
      {state.message ? <FormMessage tone={state.status === "error" ? "error" : "success"}>{state.message}</FormMessage> : null}
    </div>
  );
}
