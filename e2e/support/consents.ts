import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { e2eDatabase } from "./accounts";

// For the consent specs: a destination in the directory, a consent and a transfer put straight
// into the database, a signature drawn with the mouse, and a PDF's text as pdftotext reads it.

export async function createDestination() {
  return e2eDatabase().destination.create({ data: { name: `Lakeside Imaging ${randomBytes(3).toString("hex")}`, kind: "DICOMWEB", baseUrl: "http://127.0.0.1:9/dicom-web" } });
}

/** A consent the patient signed online for everything, to this destination, for treatment, until 2099. */
export async function createSignedConsent(patientId: string, signerName: string, destinationId: string) {
  return e2eDatabase().consent.create({
    data: { patientId, scope: "ALL_STUDIES", recipientKind: "DESTINATION", destinationId, purpose: "TREATMENT", expiresAt: new Date("2100-01-01"), method: "ONLINE", signatureKind: "TYPED", signatureText: signerName, signerName, signedAt: new Date(), statementsVersion: "2026-11", contentSha256: randomBytes(32).toString("hex") },
  });
}

/** Draws a wavy line across the signature box with mouse events, as someone signing with a mouse. */
export async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 30; step++) {
    await page.mouse.move(box.x + 20 + step * ((box.width - 40) / 30), box.y + box.height / 2 + Math.sin(step / 3) * (box.height / 4), { steps: 2 });
  }
  await page.mouse.up();
  await expect(page.getByText("Signature drawn.")).toBeVisible();
}

export function pdfText(bytes: Buffer): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), "carrier-pdf-"));
  try {
    const file = path.join(folder, "consent.pdf");
    writeFileSync(file, bytes);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
