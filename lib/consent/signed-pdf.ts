import "server-only";
import { buffer } from "node:stream/consumers";
import type { Actor } from "../auth/actor";
import type { Database } from "../db/prisma";
import type { BlobStore } from "../storage/blob-store";
import { renderConsentPdf } from "./pdf";
import { openConsent } from "./read";

// The PDF a patient or the desk downloads: the consent as Carrier holds it, checked and audited
// like any look at it (openConsent), with the scanned paper form appended when there is one.

export async function signedConsentPdf(db: Database, store: BlobStore, actor: Actor, consentId: string): Promise<{ bytes: Uint8Array; filename: string }> {
  const consent = await openConsent(db, actor, consentId);
  const scannedForm = consent.documentStorageKey && consent.documentMediaType ? { bytes: new Uint8Array(await buffer(await store.get(consent.documentStorageKey))), mediaType: consent.documentMediaType } : null;
  const bytes = await renderConsentPdf(consent, scannedForm);
  return { bytes, filename: `carrier-consent-${consent.signedAt.toISOString().slice(0, 10)}-${consent.id.slice(0, 8)}.pdf` };
}
