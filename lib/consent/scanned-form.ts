import "server-only";
import { createHash } from "node:crypto";
import type { BlobStore } from "../storage/blob-store";
import { InvalidConsentFieldsError } from "./input";

// A paper consent form scanned at the front desk. What it is, is read from its bytes (never from
// its name or the browser's word), its size is limited, and it is stored under a key Carrier makes
// from its SHA-256: reached only through its consent, after the access check.

/** Scans of a page or two; the server action's whole body is limited to 8 MB (next.config.ts). */
export const MAX_SCANNED_FORM_BYTES = 5 * 1000 * 1000;

const KINDS = [
  { mediaType: "application/pdf", extension: "pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: "image/png", extension: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: "image/jpeg", extension: "jpg", magic: [0xff, 0xd8, 0xff] },
] as const;

export const NO_SCANNED_FORM = "Choose the scanned form: a PDF, or a photo or scan as PNG or JPEG.";

export type ScannedFormType = (typeof KINDS)[number]["mediaType"];
export type StoredScannedForm = { storageKey: string; mediaType: ScannedFormType };

export function scannedFormKind(bytes: Uint8Array) {
  return KINDS.find((kind) => kind.magic.every((byte, index) => bytes[index] === byte)) ?? null;
}

/** Checks a scanned form and stores it; refuses anything that is not a PDF, PNG or JPEG of a sensible size. */
export async function storeScannedForm(store: BlobStore, file: File | null): Promise<StoredScannedForm> {
  if (!file || file.size === 0) throw new InvalidConsentFieldsError({ document: NO_SCANNED_FORM });
  if (file.size > MAX_SCANNED_FORM_BYTES) {
    throw new InvalidConsentFieldsError({ document: `The scanned form is ${(file.size / 1e6).toFixed(1)} MB; the limit is 5 MB. Scan it again at a lower resolution, or in black and white.` });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = scannedFormKind(bytes);
  if (!kind) throw new InvalidConsentFieldsError({ document: "This file is not a PDF, PNG or JPEG. Scan the form to one of those and choose it again." });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const storageKey = `consent-forms/${sha256.slice(0, 2)}/${sha256}.${kind.extension}`;
  await store.put(storageKey, bytes);
  return { storageKey, mediaType: kind.mediaType };
}
