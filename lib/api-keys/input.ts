import { z } from "zod";
import { InvalidInputError } from "../errors";

// What an administrator fills in to issue a key, parsed once with messages a person can act on;
// the form's server action shows each beside its field.

export const EXPIRY_CHOICES = ["30", "90", "365", "never"] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number];

export const issueApiKeySchema = z.object({
  name: z
    .string({ message: "Name the system that will use the key, like Riverside PACS." })
    .trim()
    .min(1, "Name the system that will use the key, like Riverside PACS.")
    .max(100, "Use at most 100 characters for the name."),
  organizationId: z.uuid("Choose the organization whose patients the system may reach."),
  scopes: z
    .array(z.enum(["read", "write"], { message: "Choose what the system may do: query and retrieve, store, or both." }))
    .min(1, "Choose what the system may do: query and retrieve, store, or both.")
    .transform((scopes) => [...new Set(scopes)]),
  expiry: z.enum(EXPIRY_CHOICES, { message: "Choose when the key stops working." }),
});

/** As the form sends it: everything is parsed (and refused with a message) by the schema above. */
export type IssueApiKeyInput = { name: string; organizationId: string; scopes: readonly string[]; expiry: string };
export type IssueApiKeyFields = z.output<typeof issueApiKeySchema>;
export type IssueApiKeyField = keyof IssueApiKeyFields;
export type IssueApiKeyFieldErrors = Partial<Record<IssueApiKeyField, string>>;

/** Invalid input with a message for each field at fault; `userMessage` is the first of them. */
export class InvalidApiKeyFieldsError extends InvalidInputError {
  constructor(readonly fieldErrors: IssueApiKeyFieldErrors) {
    super(Object.values(fieldErrors)[0] ?? "Check the details and try again.");
  }
}

export function parseIssueApiKeyInput(input: unknown): IssueApiKeyFields {
  const result = issueApiKeySchema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: IssueApiKeyFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in issueApiKeySchema.shape) fieldErrors[field as IssueApiKeyField] ??= issue.message;
  }
  throw new InvalidApiKeyFieldsError(fieldErrors);
}

/** When a key issued now with this choice stops working; null for never. */
export function expiryFrom(choice: ExpiryChoice, now: Date): Date | null {
  return choice === "never" ? null : new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000);
}
