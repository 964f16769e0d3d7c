"use client";

import { useActionState } from "react";
import { issueApiKeyAction, type IssueKeyFormState } from "@/app/(admin)/admin/api-keys/actions";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { OrganizationChoice } from "@/lib/api-keys/list";
import { NewKey } from "./new-key";
import { ScopeChoices } from "./scope-choices";

const EXPIRY_OPTIONS = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "never", label: "Never" },
] as const;

// Issuing shows the new key above the form, once; the form is ready for the next system.
export function IssueKeyForm({ organizations }: { organizations: readonly OrganizationChoice[] }) {
  const [state, action] = useActionState<IssueKeyFormState, FormData>(issueApiKeyAction, {});
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;
  const onlyOrganization = organizations.length === 1 ? organizations[0]?.id : undefined;
  return (
    <div className="flex flex-col gap-8">
      {/* Keyed by the key, so a second key gets a fresh panel (and focus) of its own. */}
      {state.issued ? <NewKey key={state.issued.prefix} issued={state.issued} /> : null}
      <form action={action} className="flex flex-col gap-5" noValidate>
        {state.status === "error" && state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
        <TextField
          label="System name"
          name="name"
          autoComplete="off"
          required
          maxLength={100}
          defaultValue={values?.name}
          error={errors.name}
          hint="The system that will use the key, as your colleagues know it: Riverside PACS, Orthanc in radiology."
        />
        <SelectField
          label="Organization"
          name="organizationId"
          required
          options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
          placeholder={onlyOrganization ? undefined : "Choose an organization"}
          defaultValue={values?.organizationId ?? onlyOrganization ?? ""}
          error={errors.organizationId}
          hint="The system reaches only the patients registered at this organization."
        />
        <ScopeChoices defaultValue={values?.scopes ?? ["read"]} error={errors.scopes} />
        <SelectField label="Expires" name="expiry" required options={EXPIRY_OPTIONS} defaultValue={values?.expiry ?? "365"} error={errors.expiry} hint="From then on the system is refused. You can revoke a key at any time." />
        <div>
          <SubmitButton pendingLabel="Issuing the key…">Issue key</SubmitButton>
        </div>
      </form>
    </div>
  );
}
