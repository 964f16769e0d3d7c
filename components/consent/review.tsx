import type { ConsentTerms } from "@/lib/consent/input";
import { PURPOSE_LABELS, STATEMENTS, CURRENT_STATEMENTS } from "@/lib/consent/wording";
import { CheckboxField } from "./choices";
import type { ConsentChoices } from "./terms-fields";

// The review step: the terms read back in sentences, then the statements every release must
// carry, which the signer says they have read.

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

function what(terms: ConsentTerms, choices: ConsentChoices): string {
  switch (terms.scope.kind) {
    case "ALL_STUDIES":
      return "All your studies, and ones added later";
    case "DATE_RANGE": {
      const { from, to } = terms.scope;
      if (from && to) return `All studies taken from ${LONG_DATE.format(from)} to ${LONG_DATE.format(to)}`;
      return from ? `All studies taken on or after ${LONG_DATE.format(from)}` : `All studies taken on or before ${LONG_DATE.format(to!)}`;
    }
    case "SELECTED_STUDIES": {
      const picked = new Set(terms.scope.studyIds);
      return choices.studies
        .filter((study) => picked.has(study.id))
        .map((study) => study.label)
        .join("; ");
    }
  }
}

function who(terms: ConsentTerms, choices: ConsentChoices): string {
  const recipient = terms.recipient;
  switch (recipient.kind) {
    case "DESTINATION":
      return choices.destinations.find((destination) => destination.id === recipient.destinationId)?.name ?? "A hospital or clinic";
    case "ORGANIZATION":
      return choices.organizations.find((organization) => organization.id === recipient.organizationId)?.name ?? "A hospital";
    case "CLINICIAN":
      return `${recipient.name} (${recipient.email})`;
  }
}

export function ConsentReview({ terms, choices, statementsError, paper }: { terms: ConsentTerms; choices: ConsentChoices; statementsError?: string; paper: boolean }) {
  const rows: [string, string][] = [
    ["Which images", what(terms, choices)],
    ["Who gets them", who(terms, choices)],
    ["Why", terms.purpose === "OTHER" ? (terms.purposeText ?? "") : PURPOSE_LABELS[terms.purpose]],
    ["Until", terms.expiry.kind === "DATE" ? `Good through ${LONG_DATE.format(terms.expiry.lastDay)}` : `Ends ${terms.expiry.event}`],
    ["Copies", terms.allowDownload ? "They may download copies" : "They may look, not download"],
  ];
  const statements = STATEMENTS[CURRENT_STATEMENTS];
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 rounded-xl border border-line bg-surface p-4 sm:grid-cols-[auto_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd className="text-ink-muted">{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="statements-heading" className="flex flex-col gap-3">
        <h3 id="statements-heading" className="text-xl font-semibold">
          Please read
        </h3>
        <ul className="list-disc space-y-2 pl-6">
          <li>{statements.revoke}</li>
          <li>{statements.redisclosure}</li>
          <li>{statements.conditioning}</li>
        </ul>
        <CheckboxField name="statementsRead" label={paper ? "The signed paper form says these things too" : "I have read this"} error={statementsError} />
      </section>
    </div>
  );
}
