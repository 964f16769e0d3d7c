"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { ConsentFormState } from "@/app/(patient)/consents/form-state";
import { Button, BUTTON_CLASSES, BUTTON_SHAPE } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { consentFormValues, parseConsentTerms, type ConsentField, type ConsentFieldErrors, type ConsentTerms } from "@/lib/consent/input";
import { ConsentReview } from "./review";
import { SigningFields, type SigningMode } from "./signing-fields";
import { TermsFields, type ConsentChoices } from "./terms-fields";

// A consent in three steps: the terms, a review with the required statements, then the signature.
// All steps live in one form (a hidden step keeps its answers); each step is checked before the
// next, the server checks everything again, and an answer it refuses brings back its step.
// The form is sent by hand rather than as a form action, so that React does not clear the answers
// when the server sends an error back.

type Step = "terms" | "review" | "sign";

const STEPS: Record<Step, { number: number; title: string }> = {
  terms: { number: 1, title: "What to share" },
  review: { number: 2, title: "Check and read" },
  sign: { number: 3, title: "Sign" },
};

const TERM_FIELDS: readonly ConsentField[] = ["scope", "studyIds", "studiesFrom", "studiesTo", "recipientKind", "destinationId", "organizationId", "clinicianName", "clinicianEmail", "purpose", "purposeText", "expiry", "expiresOn", "expiryEvent"];

function stepOf(errors: ConsentFieldErrors): Step {
  const fields = Object.keys(errors) as ConsentField[];
  if (fields.some((field) => TERM_FIELDS.includes(field))) return "terms";
  if (fields.includes("statementsRead")) return "review";
  return "sign";
}

export function ConsentForm({
  action,
  choices,
  patientName,
  mode,
  today,
  submitLabel,
}: {
  action: (previous: ConsentFormState, form: FormData) => Promise<ConsentFormState>;
  choices: ConsentChoices;
  patientName: string;
  mode: SigningMode;
  today: string;
  submitLabel: string;
}) {
  const [step, setStep] = useState<Step>("terms");
  const [terms, setTerms] = useState<ConsentTerms | null>(null);
  const [checked, setChecked] = useState<ConsentFieldErrors>({});
  const [state, dispatch, pending] = useActionState(async (previous: ConsentFormState, form: FormData) => {
    const next = await action(previous, form);
    if (next.fieldErrors && Object.keys(next.fieldErrors).length > 0) {
      setChecked({});
      setStep(stepOf(next.fieldErrors));
    }
    return next;
  }, {});
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // Screen readers follow along: the step's heading takes focus when the step changes.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step, state]);

  const errors: ConsentFieldErrors = { ...state.fieldErrors, ...checked };
  const summary = Object.keys(checked).length > 0 ? "Please fix the answers marked below." : state.message;

  const review = () => {
    const parsed = parseConsentTerms(consentFormValues(new FormData(form.current!)), new Date());
    setChecked(parsed.fieldErrors);
    if (parsed.terms) {
      setTerms(parsed.terms);
      setStep("review");
    } else heading.current?.focus();
  };

  const toSigning = () => {
    if (new FormData(form.current!).get("statementsRead") !== "yes") {
      setChecked({ statementsRead: "Check the box to say the statements were read." });
      heading.current?.focus();
      return;
    }
    setChecked({});
    setStep("sign");
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (step !== "sign") return step === "terms" ? review() : toSigning();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  const { number, title } = STEPS[step];
  return (
    <form ref={form} onSubmit={submit} noValidate className="flex flex-col gap-6">
      <h2 ref={heading} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
        <span className="block text-base font-medium text-ink-muted">Step {number} of 3</span>
        {title}
      </h2>
      {summary ? <FormMessage tone="error">{summary}</FormMessage> : null}

      <div hidden={step !== "terms"}>
        <TermsFields choices={choices} errors={errors} today={today} />
      </div>
      <div hidden={step !== "review"}>{terms ? <ConsentReview terms={terms} choices={choices} statementsError={errors.statementsRead} paper={mode.method === "PAPER_FORM"} /> : null}</div>
      <div hidden={step !== "sign"}>
        <SigningFields mode={mode} patientName={patientName} errors={errors} />
      </div>

      <div className="flex flex-wrap gap-3">
        {step !== "terms" ? (
          <Button variant="secondary" onClick={() => setStep(step === "sign" ? "review" : "terms")}>
            Back
          </Button>
        ) : null}
        <button type="submit" disabled={pending} aria-disabled={pending} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.primary}`}>
          {step === "terms" ? "Next: check it" : step === "review" ? "Next: sign" : pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
