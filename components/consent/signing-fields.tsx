"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { ConsentFieldErrors } from "@/lib/consent/input";
import { IDENTITY_CHECKS, TYPED_SIGNATURE_ATTESTATION } from "@/lib/consent/wording";
import { CheckboxField, RadioChoices } from "./choices";
import { SignatureBox } from "./signature-pad";

// The last step: who signs, and the signature. Online the patient draws or types it; at the desk
// the patient signs on the pad with staff as witness; for a paper form, staff attach the scan.

export type SigningMode = { method: "ONLINE" } | { method: "IN_PERSON"; witness: string } | { method: "PAPER_FORM"; today: string };

export function SigningFields({ mode, patientName, errors }: { mode: SigningMode; patientName: string; errors: ConsentFieldErrors }) {
  const [signer, setSigner] = useState("");
  const [signatureKind, setSignatureKind] = useState("DRAWN");
  const pad = <SignatureBox name="signatureImage" label="Signature" hint="Sign in the box with a finger, a pen or the mouse." error={errors.signature} />;
  return (
    <div className="flex max-w-2xl flex-col gap-8">
      <RadioChoices
        name="signer"
        legend="Who is signing?"
        value={signer}
        onChange={setSigner}
        error={errors.signer}
        choices={[
          { value: "SELF", label: mode.method === "ONLINE" ? `I am the patient, ${patientName}` : `The patient, ${patientName}` },
          { value: "REPRESENTATIVE", label: mode.method === "ONLINE" ? "I am signing for the patient" : "Someone signing for the patient", hint: "A parent, a legal guardian, or someone with power of attorney for health care." },
        ]}
        details={{
          REPRESENTATIVE: (
            <>
              <TextField label="Full name of the person signing" name="representativeName" autoComplete="off" error={errors.representativeName} />
              <TextField label="How they are related to the patient" name="representativeRelationship" hint="For example: parent, legal guardian." error={errors.representativeRelationship} />
            </>
          ),
        }}
      />

      {mode.method === "ONLINE" ? (
        <RadioChoices
          name="signatureKind"
          legend="How do you want to sign?"
          value={signatureKind}
          onChange={setSignatureKind}
          error={signatureKind === "DRAWN" ? undefined : errors.signature}
          choices={[
            { value: "DRAWN", label: "Draw my signature" },
            { value: "TYPED", label: "Type my name" },
          ]}
          details={{
            DRAWN: pad,
            TYPED: (
              <>
                <TextField label="Your full name" name="typedName" autoComplete="name" error={errors.typedName} />
                <CheckboxField name="typedAttestation" label={TYPED_SIGNATURE_ATTESTATION} error={errors.typedAttestation} />
              </>
            ),
          }}
        />
      ) : null}

      {mode.method !== "ONLINE" ? (
        <SelectField label="How did you check who signed?" name="identityCheck" defaultValue="" placeholder="Choose one" options={IDENTITY_CHECKS.map((check) => ({ value: check, label: check }))} error={errors.identityCheck} />
      ) : null}

      {mode.method === "IN_PERSON" ? (
        <>
          <p>
            <span className="font-semibold">Witness:</span> {mode.witness} (you, signed in to Carrier)
          </p>
          {pad}
        </>
      ) : null}

      {mode.method === "PAPER_FORM" ? (
        <>
          <TextField label="Date written next to the signature" name="signedOn" type="date" max={mode.today} error={errors.signedOn} />
          <div className="flex flex-col gap-1.5">
            <label htmlFor="field-document" className="font-semibold">
              Scanned form
            </label>
            <p id="field-document-hint" className="text-ink-muted">
              A PDF, or a photo or scan as PNG or JPEG, up to 5 MB.
            </p>
            {errors.document ? (
              <p id="field-document-error" className="font-medium text-danger">
                {errors.document}
              </p>
            ) : null}
            <input id="field-document" type="file" name="document" accept="application/pdf,image/png,image/jpeg" aria-describedby={`field-document-hint${errors.document ? " field-document-error" : ""}`} aria-invalid={errors.document ? true : undefined} className="max-w-md rounded-lg border-2 border-line-strong bg-surface p-2" />
          </div>
        </>
      ) : null}
    </div>
  );
}
