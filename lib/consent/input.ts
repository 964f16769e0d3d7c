import { z } from "zod";
import type { ConsentMethod, Purpose } from "../db/generated/enums.ts";
import { InvalidInputError } from "../errors";
import { IDENTITY_CHECKS } from "./wording";

// What the consent forms send, parsed once with messages a person can act on. Used by the form
// (before the review step) and by the server, which parses again and then checks the ids it got
// against the patient's own records (lib/consent/create.ts). Runs in the browser too: no Node here.

export type ConsentFormValues = {
  scope: string;
  studyIds: string[];
  studiesFrom: string;
  studiesTo: string;
  recipientKind: string;
  destinationId: string;
  organizationId: string;
  clinicianName: string;
  clinicianEmail: string;
  purpose: string;
  purposeText: string;
  expiry: string;
  expiresOn: string;
  expiryEvent: string;
  allowDownload: string;
  statementsRead: string;
  signer: string;
  representativeName: string;
  representativeRelationship: string;
  signatureKind: string;
  signatureImage: string;
  typedName: string;
  typedAttestation: string;
  identityCheck: string;
  signedOn: string;
};

export type ConsentField = keyof ConsentFormValues | "signature" | "document";
export type ConsentFieldErrors = Partial<Record<ConsentField, string>>;

/** Invalid input with a message for each field at fault; `userMessage` is the first of them. */
export class InvalidConsentFieldsError extends InvalidInputError {
  constructor(readonly fieldErrors: ConsentFieldErrors) {
    super(Object.values(fieldErrors)[0] ?? "Check the form and try again.");
  }
}

export function consentFormValues(form: FormData): ConsentFormValues {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    scope: text("scope"),
    studyIds: form.getAll("studyIds").filter((value): value is string => typeof value === "string"),
    studiesFrom: text("studiesFrom"),
    studiesTo: text("studiesTo"),
    recipientKind: text("recipientKind"),
    destinationId: text("destinationId"),
    organizationId: text("organizationId"),
    clinicianName: text("clinicianName"),
    clinicianEmail: text("clinicianEmail"),
    purpose: text("purpose"),
    purposeText: text("purposeText"),
    expiry: text("expiry"),
    expiresOn: text("expiresOn"),
    expiryEvent: text("expiryEvent"),
    allowDownload: text("allowDownload"),
    statementsRead: text("statementsRead"),
    signer: text("signer"),
    representativeName: text("representativeName"),
    representativeRelationship: text("representativeRelationship"),
    signatureKind: text("signatureKind"),
    signatureImage: text("signatureImage"),
    typedName: text("typedName"),
    typedAttestation: text("typedAttestation"),
    identityCheck: text("identityCheck"),
    signedOn: text("signedOn"),
  };
}

export type ConsentScopeTerms = { kind: "SELECTED_STUDIES"; studyIds: string[] } | { kind: "DATE_RANGE"; from: Date | null; to: Date | null } | { kind: "ALL_STUDIES" };
export type ConsentRecipientTerms = { kind: "DESTINATION"; destinationId: string } | { kind: "CLINICIAN"; name: string; email: string } | { kind: "ORGANIZATION"; organizationId: string };
export type ConsentExpiryTerms = { kind: "DATE"; expiresAt: Date; lastDay: Date } | { kind: "EVENT"; event: string };

/** What the patient allows: the part of the form before the review step. */
export type ConsentTerms = {
  scope: ConsentScopeTerms;
  recipient: ConsentRecipientTerms;
  purpose: Purpose;
  purposeText: string | null;
  expiry: ConsentExpiryTerms;
  allowDownload: boolean;
};

export type ConsentSigner = { name: string; relationship: string };
export type ConsentSignature = { kind: "DRAWN"; png: Uint8Array } | { kind: "TYPED"; text: string } | { kind: "SCANNED_FORM" };

export type ParsedConsent = { terms: ConsentTerms; signer: ConsentSigner; signature: ConsentSignature; identityCheck: string | null; signedOn: Date | null };

const uuid = z.uuid();
const scopeSchema = z.enum(["SELECTED_STUDIES", "DATE_RANGE", "ALL_STUDIES"]);
const recipientKindSchema = z.enum(["DESTINATION", "CLINICIAN", "ORGANIZATION"]);
const purposeSchema = z.enum(["TREATMENT", "SECOND_OPINION", "PERSONAL_USE", "RESEARCH", "OTHER"]);
const emailSchema = z.email().max(320);
const MAX_TEXT = 200;
/** A drawn signature is a small PNG; anything near this size is not one. */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A calendar date typed as YYYY-MM-DD, at UTC midnight; null when blank or not a real date. */
export function calendarDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value.trim()) ? date : null;
}

/** Today as a calendar date (UTC midnight). */
export function today(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const DAY = 24 * 60 * 60 * 1000;

function shortText(value: string, missing: string, field: string): { value?: string; error?: string } {
  const trimmed = value.trim();
  if (!trimmed) return { error: missing };
  if (trimmed.length > MAX_TEXT) return { error: `Use at most ${MAX_TEXT} characters for ${field}.` };
  return { value: trimmed };
}

export function parseConsentTerms(values: ConsentFormValues, now: Date): { terms?: ConsentTerms; fieldErrors: ConsentFieldErrors } {
  const errors: ConsentFieldErrors = {};
  let scope: ConsentScopeTerms | undefined;
  const scopeKind = scopeSchema.safeParse(values.scope);
  if (!scopeKind.success) errors.scope = "Choose which studies to share.";
  else if (scopeKind.data === "SELECTED_STUDIES") {
    const studyIds = [...new Set(values.studyIds)];
    if (studyIds.length === 0) errors.studyIds = "Choose at least one study to share.";
    else if (!studyIds.every((id) => uuid.safeParse(id).success)) errors.studyIds = "One of the studies you chose is not in this account. Reload the page and choose again.";
    else scope = { kind: "SELECTED_STUDIES", studyIds };
  } else if (scopeKind.data === "DATE_RANGE") {
    const from = values.studiesFrom.trim() ? calendarDate(values.studiesFrom) : null;
    const to = values.studiesTo.trim() ? calendarDate(values.studiesTo) : null;
    if (values.studiesFrom.trim() && !from) errors.studiesFrom = "Enter the first date as a real date, like 2026-01-31.";
    if (values.studiesTo.trim() && !to) errors.studiesTo = "Enter the last date as a real date, like 2026-12-31.";
    if (!values.studiesFrom.trim() && !values.studiesTo.trim()) errors.studiesFrom = "Enter a first date, a last date, or both.";
    if (from && to && from > to) errors.studiesTo = "The last date must be on or after the first date.";
    if (!errors.studiesFrom && !errors.studiesTo) scope = { kind: "DATE_RANGE", from, to };
  } else scope = { kind: "ALL_STUDIES" };

  let recipient: ConsentRecipientTerms | undefined;
  const recipientKind = recipientKindSchema.safeParse(values.recipientKind);
  if (!recipientKind.success) errors.recipientKind = "Choose who may get your images.";
  else if (recipientKind.data === "DESTINATION") {
    if (uuid.safeParse(values.destinationId).success) recipient = { kind: "DESTINATION", destinationId: values.destinationId };
    else errors.destinationId = "Choose the hospital or clinic from the list.";
  } else if (recipientKind.data === "ORGANIZATION") {
    if (uuid.safeParse(values.organizationId).success) recipient = { kind: "ORGANIZATION", organizationId: values.organizationId };
    else errors.organizationId = "Choose the hospital from the list.";
  } else {
    const name = shortText(values.clinicianName, "Enter the doctor's name.", "the name");
    const email = values.clinicianEmail.trim().toLowerCase();
    if (name.error) errors.clinicianName = name.error;
    if (!emailSchema.safeParse(email).success) errors.clinicianEmail = "Enter the doctor's email address, like name@clinic.org.";
    if (name.value && !errors.clinicianEmail) recipient = { kind: "CLINICIAN", name: name.value, email };
  }

  const purpose = purposeSchema.safeParse(values.purpose);
  let purposeText: string | null = null;
  if (!purpose.success) errors.purpose = "Choose why they get your images.";
  else if (purpose.data === "OTHER") {
    const text = shortText(values.purposeText, "Say why they get your images.", "the reason");
    if (text.error) errors.purposeText = text.error;
    purposeText = text.value ?? null;
  }

  let expiry: ConsentExpiryTerms | undefined;
  if (values.expiry === "DATE") {
    const lastDay = calendarDate(values.expiresOn);
    if (!lastDay) errors.expiresOn = "Enter the last day this permission is good for, like 2027-06-30.";
    else if (lastDay < today(now)) errors.expiresOn = "That date has already passed. Choose today or a later day.";
    // Good through the whole last day: it ends at the start of the next one.
    else expiry = { kind: "DATE", lastDay, expiresAt: new Date(lastDay.getTime() + DAY) };
  } else if (values.expiry === "EVENT") {
    const event = shortText(values.expiryEvent, "Say what ends this permission, like “when my treatment ends”.", "what ends it");
    if (event.error) errors.expiryEvent = event.error;
    else expiry = { kind: "EVENT", event: event.value! };
  } else errors.expiry = "Choose when this permission ends.";

  if (Object.keys(errors).length > 0 || !scope || !recipient || !purpose.success || !expiry) return { fieldErrors: errors };
  return { terms: { scope, recipient, purpose: purpose.data, purposeText, expiry, allowDownload: values.allowDownload === "yes" }, fieldErrors: {} };
}

function decodePngDataUrl(value: string): Uint8Array | null {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(value.trim());
  if (!match) return null;
  const binary = atob(match[1]!);
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  return PNG_MAGIC.every((byte, index) => bytes[index] === byte) ? bytes : null;
}

function parseSignature(values: ConsentFormValues, method: ConsentMethod, errors: ConsentFieldErrors): ConsentSignature | undefined {
  if (method === "PAPER_FORM") return { kind: "SCANNED_FORM" };
  const kind = method === "IN_PERSON" ? "DRAWN" : values.signatureKind;
  if (kind === "DRAWN") {
    if (!values.signatureImage.trim()) {
      errors.signature = method === "IN_PERSON" ? "The signature box is empty. Ask the signer to sign in the box." : "The signature box is empty. Sign in the box with your finger or mouse, or type your name instead.";
      return undefined;
    }
    const png = decodePngDataUrl(values.signatureImage);
    if (!png || png.byteLength > MAX_SIGNATURE_BYTES) {
      errors.signature = "The signature could not be read. Clear the box and sign again.";
      return undefined;
    }
    return { kind: "DRAWN", png };
  }
  if (kind === "TYPED") {
    const typed = shortText(values.typedName, "Type your full name to sign.", "your name");
    if (typed.error) errors.typedName = typed.error;
    if (values.typedAttestation !== "yes") errors.typedAttestation = "Check the box to say your typed name is your signature.";
    return typed.value && values.typedAttestation === "yes" ? { kind: "TYPED", text: typed.value } : undefined;
  }
  errors.signature = "Sign the form before sending it: draw your signature or type your name.";
  return undefined;
}

/** The whole form: terms, the statements read, who signed and how. `patientName` signs when the patient signs for themself. */
export function parseConsentForm(values: ConsentFormValues, options: { now: Date; method: ConsentMethod; patientName: string }): ParsedConsent {
  const { terms, fieldErrors: errors } = parseConsentTerms(values, options.now);
  if (values.statementsRead !== "yes") errors.statementsRead = "Check the box to say the statements were read.";

  let signer: ConsentSigner | undefined;
  if (values.signer === "SELF") signer = { name: options.patientName, relationship: "self" };
  else if (values.signer === "REPRESENTATIVE") {
    const name = shortText(values.representativeName, "Enter the full name of the person signing.", "the name");
    const relationship = shortText(values.representativeRelationship, "Say how the person signing is related to the patient, like “parent” or “legal guardian”.", "the relationship");
    if (name.error) errors.representativeName = name.error;
    if (relationship.error) errors.representativeRelationship = relationship.error;
    if (name.value && relationship.value) signer = { name: name.value, relationship: relationship.value };
  } else errors.signer = "Say who is signing: the patient, or someone legally allowed to sign for them.";

  const signature = parseSignature(values, options.method, errors);

  let identityCheck: string | null = null;
  if (options.method !== "ONLINE") {
    if ((IDENTITY_CHECKS as readonly string[]).includes(values.identityCheck)) identityCheck = values.identityCheck;
    else errors.identityCheck = "Choose how you checked who signed.";
  }
  let signedOn: Date | null = null;
  if (options.method === "PAPER_FORM") {
    signedOn = calendarDate(values.signedOn);
    if (!signedOn) errors.signedOn = "Enter the date written next to the signature, like 2026-11-30.";
    else if (signedOn > today(options.now)) errors.signedOn = "The date signed cannot be in the future.";
  }

  if (Object.keys(errors).length > 0 || !terms || !signer || !signature) throw new InvalidConsentFieldsError(errors);
  return { terms, signer, signature, identityCheck, signedOn };
}
