import type { ExpectedInstance } from "../scan/scan";
import { deidentify, pseudonymousUid } from "./deidentify";

// What de-identifying an upload needs: one secret per upload, kept in this browser so that a
// closed tab continues with the same new UIDs (and its resumed uploads stay byte-identical), the
// images expected under their new UIDs, and the change applied to each file as it is sent.

export type Deidentification = { keepDates: boolean };

function uploadSecret(batchId: string): string {
  const key = `carrier-deidentify-${batchId}`;
  const kept = localStorage.getItem(key);
  if (kept) return kept;
  const secret = [...crypto.getRandomValues(new Uint8Array(32))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  localStorage.setItem(key, secret);
  return secret;
}

export async function deidentificationPlan(batchId: string, expected: readonly ExpectedInstance[], keepDates: boolean) {
  const secret = uploadSecret(batchId);
  const options = { secret, keepDates, pseudonym: `CARRIER-${batchId.slice(0, 8).toUpperCase()}` };
  const mapped = await Promise.all(
    expected.map(async (item) => ({ studyInstanceUid: await pseudonymousUid(item.studyInstanceUid, secret), sopInstanceUid: await pseudonymousUid(item.sopInstanceUid, secret) })),
  );
  return {
    expected: mapped,
    transform: async (file: Blob) => new Blob([await deidentify(await file.arrayBuffer(), options)]),
  };
}
