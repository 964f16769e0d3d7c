"use client";

import { useState } from "react";
import { TextField } from "@/components/ui/text-field";
import { PURPOSE_LABELS } from "@/lib/consent/wording";
import { RadioChoices } from "./choices";

// "Why?": the purpose of a disclosure, with words of the patient's own for "other". One for the
// permission form and the share form, so both ask it the same way.

const PURPOSES = (Object.keys(PURPOSE_LABELS) as (keyof typeof PURPOSE_LABELS)[]).map((value) => ({ value, label: PURPOSE_LABELS[value] }));

export function PurposeChoice({ initial = "", errors }: { initial?: string; errors: { purpose?: string; purposeText?: string } }) {
  const [purpose, setPurpose] = useState(initial);
  return (
    <RadioChoices
      name="purpose"
      legend="Why?"
      value={purpose}
      onChange={setPurpose}
      error={errors.purpose}
      choices={PURPOSES}
      details={{ OTHER: <TextField label="Say why" name="purposeText" error={errors.purposeText} /> }}
    />
  );
}
