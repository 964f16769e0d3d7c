"use client";

import { useActionState } from "react";
import { changeRoleAction, type StaffActionState } from "@/app/(admin)/admin/staff/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { StaffRole } from "@/lib/staff/roles";
import { ROLE_LABELS } from "./role-labels";
import { SelectField } from "@/components/ui/select-field";

const ROLE_OPTIONS = [
  { value: "FRONT_DESK", label: ROLE_LABELS.FRONT_DESK },
  { value: "ADMIN", label: ROLE_LABELS.ADMIN },
] as const;

export function RoleChangeForm({ userId, name, role }: { userId: string; name: string; role: StaffRole }) {
  const [state, action] = useActionState<StaffActionState, FormData>(changeRoleAction, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField id={`role-${userId}`} label={
            <>
              Role<span className="sr-only"> for {name}</span>
            </>
          } name="role" options={ROLE_OPTIONS} defaultValue={role} />
        <SubmitButton pendingLabel="Changing…" variant="secondary">
          Change role<span className="sr-only"> for {name}</span>
        </SubmitButton>
      </div>
      {state.message ? <FormMessage tone={state.status === "error" ? "error" : "success"}>{state.message}</FormMessage> : null}
    </form>
  );
}
