import type { ApiKeyScope } from "@/lib/auth/actor";

// What each scope lets a system do, in the words of the page (DICOMweb names in brackets for the
// people who configure the system).

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  read: "Query and retrieve images (QIDO-RS, WADO-RS)",
  write: "Store images (STOW-RS)",
};

export function scopesText(scopes: readonly ApiKeyScope[]): string {
  return scopes.map((scope) => SCOPE_LABELS[scope]).join("; ");
}
