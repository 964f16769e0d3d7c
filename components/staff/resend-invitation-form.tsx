"use client";

import { useActionState } from "react";
import { resendInvitationAction, type StaffActionState } from "@/app/(admin)/admin/staff/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";

// For an invitation that went astray or ran out: a new link, and the old ones stop working.
export function ResendInvitationForm({ userId, name }: { userId: string; name: string }) {
  const [state, action] = useActionState<StaffActionState, FormData>(resendInvitationAction, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="userId" value={userId} />
      <div>
        <SubmitButton pendingLabel="Sending…" variant="secondary">
          Send a new invitation<span className="sr-only"> to {name}</span>
        </SubmitButton>
      </div>
      {state.message ? <FormMessage tone={state.status === "error" ? "error" : "success"}>{state.message}</FormMessage> : null}
    </form>
  );
}
