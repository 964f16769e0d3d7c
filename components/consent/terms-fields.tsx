"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { ConsentFieldErrors } from "@/lib/consent/input";
import { CheckboxField, RadioChoices } from "./choices";
import { PurposeChoice } from "./purpose-choice";

// The first step of a consent: what is shared, with whom, why, until when, and whether copies may
// be downloaded. Plain words; each question answers one thing.

export type ConsentChoices = {
  studies: { id: string; label: string }[];
  destinations: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
};


export function TermsFields({ choices, errors, today }: { choices: ConsentChoices; errors: ConsentFieldErrors; today: string }) {
  const [scope, setScope] = useState("");
  const [recipientKind, setRecipientKind] = useState("");
  const [expiry, setExpiry] = useState("");

  const recipientChoices = [
    ...(choices.destinations.length > 0 ? [{ value: "DESTINATION", label: "A hospital or clinic on Carrier's list" }] : []),
    { value: "CLINICIAN", label: "A doctor", hint: "They get a private link to look at the images." },
    ...(choices.organizations.length > 0 ? [{ value: "ORGANIZATION", label: "A hospital in the Carequality network", hint: "Its systems can ask Carrier for your images." }] : []),
  ];

  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <RadioChoices
        name="scope"
        legend="Which images?"
        value={scope}
        onChange={setScope}
        error={errors.scope}
        choices={[
          { value: "SELECTED_STUDIES", label: "Only the studies I pick" },
          { value: "DATE_RANGE", label: "All studies taken between two dates" },
          { value: "ALL_STUDIES", label: "All my studies", hint: "Studies added later are included too." },
        ]}
        details={{
          SELECTED_STUDIES: (
            <fieldset className="flex flex-col gap-2">
              <legend className="font-semibold">Pick the studies</legend>
              {errors.studyIds ? <p className="font-medium text-danger">{errors.studyIds}</p> : null}
              {choices.studies.length === 0 ? <p>There are no studies in this account yet.</p> : null}
              {choices.studies.map((study) => (
                <CheckboxField key={study.id} name="studyIds" value={study.id} label={study.label} />
              ))}
            </fieldset>
          ),
          DATE_RANGE: (
            <>
              <TextField label="First day" name="studiesFrom" type="date" error={errors.studiesFrom} hint="Leave empty to start with the oldest study." />
              <TextField label="Last day" name="studiesTo" type="date" error={errors.studiesTo} hint="Leave empty to include every study after the first day." />
            </>
          ),
        }}
      />

      <RadioChoices
        name="recipientKind"
        legend="Who may get them?"
        value={recipientKind}
        onChange={setRecipientKind}
        error={errors.recipientKind}
        choices={recipientChoices}
        details={{
          DESTINATION: <SelectField label="Hospital or clinic" name="destinationId" defaultValue="" placeholder="Choose one" options={choices.destinations.map((destination) => ({ value: destination.id, label: destination.name }))} error={errors.destinationId} />,
          CLINICIAN: (
            <>
              <TextField label="Doctor's name" name="clinicianName" autoComplete="off" error={errors.clinicianName} />
              <TextField label="Doctor's email address" name="clinicianEmail" type="email" autoComplete="off" error={errors.clinicianEmail} hint="Only this doctor can use the link." />
            </>
          ),
          ORGANIZATION: <SelectField label="Hospital" name="organizationId" defaultValue="" placeholder="Choose one" options={choices.organizations.map((organization) => ({ value: organization.id, label: organization.name }))} error={errors.organizationId} />,
        }}
      />

      <PurposeChoice errors={errors} />

      <RadioChoices
        name="expiry"
        legend="When does this permission end?"
        hint="You can take it back sooner at any time."
        value={expiry}
        onChange={setExpiry}
        error={errors.expiry}
        choices={[
          { value: "DATE", label: "On a date" },
          { value: "EVENT", label: "When something happens", hint: "For example: when my treatment ends." },
        ]}
        details={{
          DATE: <TextField label="Last day it is good for" name="expiresOn" type="date" min={today} error={errors.expiresOn} />,
          EVENT: <TextField label="What ends it" name="expiryEvent" error={errors.expiryEvent} />,
        }}
      />

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">Copies</legend>
        <CheckboxField name="allowDownload" label="Let them download copies of the images" hint="If you leave this off, they can look at the images but not save them." />
      </fieldset>
    </div>
  );
}
