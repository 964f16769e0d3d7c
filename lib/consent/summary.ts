import type { ConsentMethod } from "../db/generated/enums.ts";
import { PURPOSE_LABELS } from "./wording";
import { recipientLabel, type ConsentSummary } from "./read";

// A consent's terms in the sentences its pages and its PDF share.

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export const formatCalendarDate = (date: Date) => LONG_DATE.format(date);
export const formatInstant = (date: Date) => `${DATE_TIME.format(date)} UTC`;

export const METHOD_LABELS: Record<ConsentMethod, string> = {
  ONLINE: "Signed online in Carrier",
  IN_PERSON: "Signed in person at the front desk",
  PAPER_FORM: "Signed on a paper form, scanned at the front desk",
};

type Terms = Pick<ConsentSummary, "scope" | "studiesFrom" | "studiesTo" | "studies" | "recipientKind" | "recipientName" | "recipientEmail" | "destination" | "recipientOrganization" | "purpose" | "purposeText" | "expiresAt" | "expiryEvent" | "allowDownload">;

export function whatLine(consent: Terms): string {
  switch (consent.scope) {
    case "ALL_STUDIES":
      return "All studies, including ones added later";
    case "DATE_RANGE": {
      const from = consent.studiesFrom ? formatCalendarDate(consent.studiesFrom) : null;
      const to = consent.studiesTo ? formatCalendarDate(consent.studiesTo) : null;
      if (from && to) return `All studies from ${from} to ${to}`;
      return from ? `All studies from ${from} on` : `All studies up to ${to}`;
    }
    case "SELECTED_STUDIES":
      return `${consent.studies.length} chosen ${consent.studies.length === 1 ? "study" : "studies"}`;
  }
}

export function studyLines(consent: Terms): string[] {
  return consent.studies.map(({ study }) => [study.description ?? "Study without a description", study.studyDate ? formatCalendarDate(study.studyDate) : null, study.modalities.join(", ") || null].filter(Boolean).join(", "));
}

export function purposeLine(consent: Terms): string {
  return consent.purpose === "OTHER" ? `Other: ${consent.purposeText ?? ""}` : PURPOSE_LABELS[consent.purpose];
}

/** The expiry date is stored as the start of the day after the last good day. */
export function endsLine(consent: Terms): string {
  if (consent.expiresAt) return `Good through ${formatCalendarDate(new Date(consent.expiresAt.getTime() - 24 * 60 * 60 * 1000))}`;
  return `Ends ${consent.expiryEvent ?? "when taken back"}`;
}

export function termsLines(consent: Terms): [string, string][] {
  return [
    ["What", whatLine(consent)],
    ["Who gets them", recipientLabel(consent)],
    ["Why", purposeLine(consent)],
    ["Until", endsLine(consent)],
    ["Downloads", consent.allowDownload ? "They may download copies" : "They may look but not download copies"],
  ];
}
