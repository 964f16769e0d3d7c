import type { ManagedRole } from "@/lib/staff/roles";

export const ROLE_LABELS: Record<ManagedRole, string> = {
  FRONT_DESK: "Front desk",
  ADMIN: "Administrator",
  CLINICIAN: "Clinician",
};
