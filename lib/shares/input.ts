import type { ConsentFieldErrors, ConsentFormValues } from "../consent/input";
import { today } from "../consent/input";

// What the share form sends beyond the consent it records: how the link is opened, for how long,
// whether downloads and open notices are on, and a message. The consent's own fields (studies,
// recipient, purpose, signature) are the consent form's, parsed by lib/consent.

export const SHARE_DAYS = [7, 14, 30, 90] as const;
export const DEFAULT_SHARE_DAYS = 14;
export const MAX_MESSAGE_LENGTH = 1000;

export type ShareFormValues = ConsentFormValues & { days: string; check: string; notifyOnOpen: string; message: string };

export type ShareSettings = { days: number; check: "PIN" | "BIRTH_DATE"; notifyOnOpen: boolean; message: string | null };

export type ShareFieldErrors = ConsentFieldErrors & Partial<Record<"days" | "check" | "message", string>>;

export function shareFormValues(form: FormData, consent: ConsentFormValues): ShareFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return { ...consent, days: text("days"), check: text("check"), notifyOnOpen: text("notifyOnOpen"), message: text("message") };
}

/** The share's own settings, or the fields at fault (thrown with the consent's, so the form shows all at once). */
export function parseShareSettings(values: ShareFormValues): { settings?: ShareSettings; errors: ShareFieldErrors } {
  const errors: ShareFieldErrors = {};
  const days = Number(values.days);
  if (!(SHARE_DAYS as readonly number[]).includes(days)) errors.days = "Choose how long the link works: 7, 14, 30 or 90 days.";
  if (values.check !== "PIN" && values.check !== "BIRTH_DATE") errors.check = "Choose how the doctor proves it is them: a PIN, or your date of birth.";
  const message = values.message.trim();
  if (message.length > MAX_MESSAGE_LENGTH) errors.message = `Keep the message under ${MAX_MESSAGE_LENGTH} characters.`;
  if (Object.keys(errors).length > 0) return { errors };
  return { settings: { days, check: values.check as ShareSettings["check"], notifyOnOpen: values.notifyOnOpen === "yes", message: message || null }, errors };
}

/** The consent a share records: the chosen studies, to the named doctor, good through the link's last day. */
export function consentValuesForShare(values: ShareFormValues, settings: Pick<ShareSettings, "days"> | undefined, now: Date): ConsentFormValues {
  return { ...values, scope: "SELECTED_STUDIES", recipientKind: "CLINICIAN", expiry: "DATE", expiresOn: lastDayOf(settings?.days ?? DEFAULT_SHARE_DAYS, now), expiryEvent: "", destinationId: "", organizationId: "", studiesFrom: "", studiesTo: "" };
}

/** The last calendar day (UTC) of a link that works for `days` from today: it ends as that day does, within `days` of now. */
export function lastDayOf(days: number, now: Date): string {
  return new Date(today(now).getTime() + (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

