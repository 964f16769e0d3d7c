"use client";

import { useActionState } from "react";
import { openWithReasonAction, type OpenWithReasonState } from "@/app/(admin)/admin/patients/[patientId]/actions";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ACCESS_MINUTES } from "@/lib/patients/access-minutes";

// Before an administrator sees anything of a patient's: why. The reason goes into the audit trail
// and the patient's own list of who opened their records.
export function ReasonForm({ patientId }: { patientId: string }) {
  const [state, action] = useActionState<OpenWithReasonState, FormData>(openWithReasonAction, {});
  return (
    <form action={action} className="flex max-w-2xl flex-col gap-4">
      <input type="hidden" name="patientId" value={patientId} />
      <Field
        id="access-reason"
        label="Why do you need to see this patient's records?"
        hint={`For example: "Patient asked by phone why a study is missing (ticket 4521)". The patient will see this. Access ends after ${ACCESS_MINUTES} minutes or when you sign out.`}
        error={state.message}
      >
        {(control) => <textarea {...control} name="reason" rows={3} required minLength={10} maxLength={500} defaultValue={state.reason} />}
      </Field>
      <div>
        <SubmitButton pendingLabel="Opening…">Open the records</SubmitButton>
      </div>
    </form>
  );
}
