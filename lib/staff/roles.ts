import type { Role } from "../db/generated/enums.ts";
import { STAFF_ROLES } from "../auth/staff-credentials";

// Which accounts the staff pages manage. Staff (front desk, administrators) are invited and given a
// role; clinicians' accounts are listed too, so an administrator can turn one off, but they sign in
// by email link and have no staff role to change. Patients' accounts are never managed here.

export type StaffRole = (typeof STAFF_ROLES)[number];
/** The roles an invitation or a role change can give. */
export const INVITABLE_ROLES = STAFF_ROLES;

export const MANAGED_ROLES = ["FRONT_DESK", "ADMIN", "CLINICIAN"] as const satisfies readonly Role[];
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}

/** Narrows a role to a managed one; undefined for patients. */
export function asManagedRole(role: Role): ManagedRole | undefined {
  return MANAGED_ROLES.find((managed) => managed === role);
}
