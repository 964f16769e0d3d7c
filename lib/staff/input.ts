import { z } from "zod";
import { InvalidInputError } from "../errors";
import { INVITABLE_ROLES } from "./roles";

// What an administrator types, parsed once with messages a person can act on. The invite form's
// server action reports these beside the fields they concern.

export const staffRoleSchema = z.enum(INVITABLE_ROLES, { message: "Choose a role: front desk or administrator." });

export const inviteStaffSchema = z.object({
  name: z.string({ message: "Enter the person's full name." }).trim().min(1, "Enter the person's full name.").max(200, "Use at most 200 characters for the name."),
  email: z
    .string({ message: "Enter their work email address." })
    .trim()
    .toLowerCase()
    .pipe(z.email("Enter a work email address, like name@hospital.org.").max(320, "Use at most 320 characters for the email address.")),
  role: staffRoleSchema,
  organizationId: z.uuid("Choose the organization they work for."),
});

/** As typed in the form: everything is parsed (and refused with a message) by the schema above. */
export type InviteStaffInput = { name: string; email: string; role: string; organizationId: string };
export type InviteStaffFields = z.output<typeof inviteStaffSchema>;
export type InviteStaffField = keyof InviteStaffFields;
export type InviteStaffFieldErrors = Partial<Record<InviteStaffField, string>>;

/** Invalid input with a message for each field at fault; `userMessage` is the first of them. */
export class InvalidStaffFieldsError extends InvalidInputError {
  constructor(readonly fieldErrors: InviteStaffFieldErrors) {
    super(Object.values(fieldErrors)[0] ?? "Check the details and try again.");
  }
}

export function parseInviteStaffInput(input: unknown): InviteStaffFields {
  const result = inviteStaffSchema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: InviteStaffFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in inviteStaffSchema.shape) fieldErrors[field as InviteStaffField] ??= issue.message;
  }
  throw new InvalidStaffFieldsError(fieldErrors);
}
