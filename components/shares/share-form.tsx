"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { ShareFormState } from "@/app/(patient)/shares/actions";
import { CheckboxField, RadioChoices } from "@/components/consent/choices";
import { PurposeChoice } from "@/components/consent/purpose-choice";
import { SigningFields, type SigningMode } from "@/components/consent/signing-fields";
import { BUTTON_CLASSES, BUTTON_SHAPE } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { CURRENT_STATEMENTS, STATEMENTS } from "@/lib/consent/wording";
import { DEFAULT_SHARE_DAYS, MAX_MESSAGE_LENGTH, SHARE_DAYS } from "@/lib/shares/input";
import { ShareCreated } from "./share-created";

// Sharing with a doctor on one page: what, with whom, why, for how long and how they open it,
// then the permission it records, in plain words, signed. Sent by hand (not as a form action) so
// the answers stay when the server sends an error back.

export type StudyChoice = { id: string; label: string };


export function ShareForm({
  action,
  studies,
  chosen,
  patientName,
  mode,
}: {
  action: (previous: ShareFormState, form: FormData) => Promise<ShareFormState>;
  studies: readonly StudyChoice[];
  chosen: readonly string[];
  patientName: string;
  mode: SigningMode;
}) {
  const [state, dispatch, pending] = useActionState(action, {});
  const [check, setCheck] = useState("PIN");
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message) summary.current?.focus();
  }, [state]);

  if (state.created) return <ShareCreated created={state.created} />;
  const errors = state.fieldErrors ?? {};
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  const statements = STATEMENTS[CURRENT_STATEMENTS];
  return (
    <form onSubmit={submit} noValidate className="flex max-w-2xl flex-col gap-8">
      <div ref={summary} tabIndex={-1} className="outline-none">
        {state.message ? <FormMessage tone="error">{state.message}</FormMessage> : null}
      </div>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-lg font-semibold">Which studies?</legend>
        {errors.studyIds ? <p className="font-medium text-danger">{errors.studyIds}</p> : null}
        {studies.map((study) => (
          <CheckboxField key={study.id} name="studyIds" value={study.id} label={study.label} defaultChecked={chosen.includes(study.id)} />
        ))}
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-1 text-lg font-semibold">Who gets the link?</legend>
        <TextField label="The doctor's name" name="clinicianName" autoComplete="off" error={errors.clinicianName} />
        <TextField label="The doctor's email" name="clinicianEmail" type="email" autoComplete="off" hint="We email the link here." error={errors.clinicianEmail} />
      </fieldset>

      <PurposeChoice initial="SECOND_OPINION" errors={errors} />

      <SelectField label="How long the link works" name="days" defaultValue={String(DEFAULT_SHARE_DAYS)} options={SHARE_DAYS.map((days) => ({ value: String(days), label: `${days} days` }))} error={errors.days} />

      <RadioChoices
        name="check"
        legend="How does the doctor prove it is them?"
        value={check}
        onChange={setCheck}
        error={errors.check}
        choices={[
          { value: "PIN", label: "With a PIN", hint: "Carrier makes a 6-digit PIN. You send it to the doctor by text or phone, not by email." },
          { value: "BIRTH_DATE", label: "With my date of birth", hint: "Easier, but anyone who knows your birthday and gets the link could open it." },
        ]}
      />

      <div className="flex flex-col gap-3">
        <CheckboxField name="allowDownload" label="Let the doctor download copies of the images" hint="Without this they can look at the images, but not save them." />
        <CheckboxField name="notifyOnOpen" label="Email me each time the link is opened" defaultChecked />
      </div>

      <div className="flex flex-col gap-1.5">
        <label htmlFor="share-message" className="font-semibold">
          A message for the doctor (optional)
        </label>
        {errors.message ? (
          <p id="share-message-error" className="font-medium text-danger">
            {errors.message}
          </p>
        ) : null}
        <textarea id="share-message" name="message" rows={3} maxLength={MAX_MESSAGE_LENGTH} aria-describedby={errors.message ? "share-message-error" : undefined} className="rounded-lg border-2 border-line-strong bg-surface p-3" />
      </div>

      <section aria-labelledby="permission-heading" className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-4">
        <h2 id="permission-heading" className="text-xl font-semibold">
          Your permission
        </h2>
        <p>Sharing gives the doctor permission to see the studies you chose, for the reason you chose, until the link ends. Carrier keeps this permission with your records.</p>
        <ul className="list-disc space-y-2 pl-6">
          <li>{statements.revoke}</li>
          <li>{statements.redisclosure}</li>
          <li>{statements.conditioning}</li>
        </ul>
        <CheckboxField name="statementsRead" label="I have read this" error={errors.statementsRead} />
        <SigningFields mode={mode} patientName={patientName} errors={errors} />
      </section>

      <div>
        <button type="submit" disabled={pending} aria-disabled={pending} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.primary}`}>
          {pending ? "Making the link…" : "Share the images"}
        </button>
      </div>
    </form>
  );
}
