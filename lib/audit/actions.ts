import type { AuditOutcome } from "../db/generated/enums.ts";

// The vocabulary of the audit trail. The label is what a patient reads in their accounting;
// `disclosure` puts the event in that accounting (someone else saw or received their data); the
// DICOM event id (PS3.15 A.5, DCM codes) and the FHIR action code drive the AuditEvent export.

/** DICOM audit event ids (PS3.16 CID 400) with their code meanings. */
export const DICOM_AUDIT_EVENTS = {
  "110100": "Application Activity",
  "110101": "Audit Log Used",
  "110103": "DICOM Instances Accessed",
  "110104": "DICOM Instances Transferred",
  "110106": "Export",
  "110107": "Import",
  "110110": "Patient Record",
  "110112": "Query",
  "110113": "Security Alert",
  "110114": "User Authentication",
  "110136": "Security Roles Changed",
  "110137": "User Security Attributes Changed",
} as const;
export type DicomAuditEventId = keyof typeof DICOM_AUDIT_EVENTS;

/** FHIR AuditEvent.action: Create, Read, Update, Delete, Execute (search, sign-in). */
export type FhirAuditAction = "C" | "R" | "U" | "D" | "E";

export type AuditActionDefinition = {
  label: string;
  disclosure: boolean;
  dicomEventId: DicomAuditEventId;
  fhirAction: FhirAuditAction;
  /** Outcome when the caller gives none: actions that name a failure are never recorded as a success. */
  outcome?: AuditOutcome;
};

export const AUDIT_ACTIONS = {
  "application.start": { label: "Carrier started", disclosure: false, dicomEventId: "110100", fhirAction: "E" },

  "auth.sign-in": { label: "Signed in", disclosure: false, dicomEventId: "110114", fhirAction: "E" },
  "auth.sign-in-failed": { label: "A sign-in attempt failed", disclosure: false, dicomEventId: "110114", fhirAction: "E", outcome: "MINOR_FAILURE" },
  "auth.sign-out": { label: "Signed out", disclosure: false, dicomEventId: "110114", fhirAction: "E" },
  "auth.sign-out-everywhere": { label: "Signed out on every device", disclosure: false, dicomEventId: "110114", fhirAction: "E" },
  "auth.totp-enabled": { label: "Turned on two-step sign-in", disclosure: false, dicomEventId: "110137", fhirAction: "U" },
  "auth.password-set": { label: "Set a new password", disclosure: false, dicomEventId: "110137", fhirAction: "U" },

  "staff.invite": { label: "Invited a staff member", disclosure: false, dicomEventId: "110137", fhirAction: "C" },
  "staff.role-change": { label: "Changed a staff member's role", disclosure: false, dicomEventId: "110136", fhirAction: "U" },
  "staff.deactivate": { label: "Turned off a staff member's account", disclosure: false, dicomEventId: "110137", fhirAction: "U" },
  "staff.reactivate": { label: "Turned a staff member's account back on", disclosure: false, dicomEventId: "110137", fhirAction: "U" },

  "api-key.issue": { label: "Issued an API key for an imaging system", disclosure: false, dicomEventId: "110137", fhirAction: "C" },
  "api-key.revoke": { label: "Revoked an imaging system's API key", disclosure: false, dicomEventId: "110137", fhirAction: "U" },

  "patient.search": { label: "Searched the patient list", disclosure: false, dicomEventId: "110112", fhirAction: "E" },
  "patient.view": { label: "Opened your patient record", disclosure: true, dicomEventId: "110110", fhirAction: "R" },
  // An administrator going past the usual access (break-glass): a security alert, with the reason.
  "patient.open-with-reason": { label: "An administrator opened your records and said why", disclosure: true, dicomEventId: "110113", fhirAction: "E" },
  "patient.register": { label: "Registered you as a patient", disclosure: false, dicomEventId: "110110", fhirAction: "C" },

  "study.list": { label: "Looked at the list of your studies", disclosure: true, dicomEventId: "110112", fhirAction: "E" },
  "study.view": { label: "Opened your images", disclosure: true, dicomEventId: "110103", fhirAction: "R" },
  "study.download": { label: "Downloaded your images", disclosure: true, dicomEventId: "110106", fhirAction: "R" },
  "study.upload": { label: "Uploaded images to your account", disclosure: false, dicomEventId: "110107", fhirAction: "C" },
  "study.import": { label: "Brought in your images from another hospital", disclosure: false, dicomEventId: "110107", fhirAction: "C" },

  "consent.sign": { label: "Signed a permission to share your images", disclosure: false, dicomEventId: "110110", fhirAction: "C" },
  "consent.record": { label: "Recorded a permission you signed in person", disclosure: false, dicomEventId: "110110", fhirAction: "C" },
  "consent.view": { label: "Looked at your permissions to share your images", disclosure: true, dicomEventId: "110110", fhirAction: "R" },
  "consent.revoke": { label: "Withdrew a permission to share your images", disclosure: false, dicomEventId: "110110", fhirAction: "U" },

  "share.create": { label: "Made a link to share your images", disclosure: false, dicomEventId: "110110", fhirAction: "C" },
  "share.open": { label: "Opened your images through a shared link", disclosure: true, dicomEventId: "110103", fhirAction: "R" },
  "share.pin-failed": { label: "Someone entered a wrong PIN for your shared link", disclosure: false, dicomEventId: "110113", fhirAction: "E", outcome: "MINOR_FAILURE" },
  "share.revoke": { label: "Turned off a shared link", disclosure: false, dicomEventId: "110110", fhirAction: "U" },
  "share.extend": { label: "Gave a shared link more time", disclosure: false, dicomEventId: "110110", fhirAction: "U" },
  "share.settings": { label: "Changed the emails for a shared link", disclosure: false, dicomEventId: "110110", fhirAction: "U" },

  "transfer.create": { label: "Asked to send your study", disclosure: false, dicomEventId: "110110", fhirAction: "C" },
  "transfer.deliver": { label: "Sent your study to another hospital", disclosure: true, dicomEventId: "110104", fhirAction: "R" },

  "gateway.query": { label: "A hospital's network searched for your studies", disclosure: true, dicomEventId: "110112", fhirAction: "E" },
  "gateway.retrieve": { label: "A hospital's network retrieved your images", disclosure: true, dicomEventId: "110104", fhirAction: "R" },

  "claim.publish": { label: "Made your study ready for you to claim", disclosure: false, dicomEventId: "110110", fhirAction: "C" },
  "claim.redeem": { label: "Added claimed studies to your account", disclosure: false, dicomEventId: "110110", fhirAction: "U" },

  "audit.read": { label: "Looked at the record of who saw your images", disclosure: false, dicomEventId: "110101", fhirAction: "R" },
  "audit.search": { label: "Searched the audit trail", disclosure: false, dicomEventId: "110101", fhirAction: "E" },
  "audit.export": { label: "Exported the audit trail", disclosure: false, dicomEventId: "110101", fhirAction: "R" },
} as const satisfies Record<string, AuditActionDefinition>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actions listed in a patient's accounting of disclosures. */
export const DISCLOSURE_ACTIONS = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((action) => AUDIT_ACTIONS[action].disclosure);

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

export function auditActionDefinition(action: AuditAction): AuditActionDefinition {
  return AUDIT_ACTIONS[action];
}
