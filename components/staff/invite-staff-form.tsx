"use client";

import { useActionState } from "react";
import { inviteStaffAction, type InviteFormState } from "@/app/(admin)/admin/staff/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { OrganizationChoice } from "@/lib/staff/list";
import { ROLE_LABELS } from "./role-labels";
import { SelectField } from "@/components/ui/select-field";

const ROLE_OPTIONS = [
  { value: "FRONT_DESK", label: ROLE_LABELS.FRONT_DESK },
  { value: "ADMIN", label: ROLE_LABELS.ADMIN },
] as const;

// The new account exists as soon as this is sent; the person chooses their password from the email.
export function InviteStaffForm({ organizations }: { organizations: readonly OrganizationChoice[] }) {
  const [state, action] = useActionState<InviteFormState, FormData>(inviteStaffAction, {});
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;
  const onlyOrganization = organizations.length === 1 ? organizations[0]?.id : undefined;
  return (
    <form action={action} className="flex flex-col gap-5" noValidate>
      {state.message ? <FormMessage tone={state.status === "sent" ? "success" : "error"}>{state.message}</FormMessage> : null}
      <TextField label="Full name" name="name" autoComplete="off" required defaultValue={values?.name} error={errors.name} />
      <TextField label="Work email" name="email" type="email" autoComplete="off" required defaultValue={values?.email} error={errors.email} hint="The invitation goes here. It is also what they sign in with." />
      <SelectField label="Role" name="role" required options={ROLE_OPTIONS} defaultValue={values?.role ?? "FRONT_DESK"} error={errors.role} hint="Administrators manage staff and see the whole audit trail." />
      <SelectField
        label="Organization"
        name="organizationId"
        required
        options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
        placeholder={onlyOrganization ? undefined : "Choose an organization"}
        defaultValue={values?.organizationId ?? onlyOrganization ?? ""}
        error={errors.organizationId}
      />
      <div>
        <SubmitButton pendingLabel="Sending the invitation…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
