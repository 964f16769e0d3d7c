import "server-only";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { ConsentDetail } from "./read";
import { formatCalendarDate, formatInstant, METHOD_LABELS, studyLines, termsLines } from "./summary";
import { statementsOf, TYPED_SIGNATURE_ATTESTATION } from "./wording";

// A signed consent as a PDF: its terms, the required statements in the words that were signed, the
// signature (drawn, typed, or the scanned paper form appended), who signed and witnessed it, and
// the content hash and audit reference that tie the paper to Carrier's records.

const PAGE: [number, number] = [612, 792]; // US Letter
const MARGIN = 56;
const WIDTH = PAGE[0] - 2 * MARGIN;
const INK = rgb(0.1, 0.17, 0.2);
const MUTED = rgb(0.29, 0.36, 0.4);

// The standard fonts encode WinAnsi only: anything else is shown as "?", never dropped silently.
const WIN_ANSI_EXTRAS = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
function printable(text: string): string {
  return [...text.replace(/\s+/g, " ")].map((character) => {
    const code = character.codePointAt(0)!;
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(character) ? character : "?";
  }).join("");
}

class Writer {
  page: PDFPage;
  y = PAGE[1] - MARGIN;

  constructor(
    readonly pdf: PDFDocument,
    readonly fonts: { regular: PDFFont; bold: PDFFont; italic: PDFFont },
  ) {
    this.page = pdf.addPage(PAGE);
  }

  space(height: number) {
    if (this.y - height < MARGIN) {
      this.page = this.pdf.addPage(PAGE);
      this.y = PAGE[1] - MARGIN;
    }
  }

  lines(text: string, options: { size?: number; font?: PDFFont; color?: typeof INK; indent?: number } = {}) {
    const size = options.size ?? 10.5;
    const font = options.font ?? this.fonts.regular;
    const width = WIDTH - (options.indent ?? 0);
    let line = "";
    const flush = () => {
      this.space(size * 1.45);
      this.page.drawText(line, { x: MARGIN + (options.indent ?? 0), y: this.y - size, size, font, color: options.color ?? INK });
      this.y -= size * 1.45;
      line = "";
    };
    for (const word of printable(text).split(" ")) {
      const next = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        flush();
        line = word;
      } else line = next;
    }
    if (line) flush();
  }

  heading(text: string) {
    this.y -= 8;
    this.space(40);
    this.lines(text, { size: 13, font: this.fonts.bold });
    this.y -= 2;
  }

  fact(term: string, value: string) {
    this.lines(`${term}: ${value}`);
  }
}

async function appendScannedForm(pdf: PDFDocument, writer: Writer, form: { bytes: Uint8Array; mediaType: string }) {
  if (form.mediaType === "application/pdf") {
    try {
      const scanned = await PDFDocument.load(form.bytes, { ignoreEncryption: false });
      for (const page of await pdf.copyPages(scanned, scanned.getPageIndices())) pdf.addPage(page);
    } catch {
      writer.lines("The scanned form is a PDF that cannot be copied into this one (it may be protected). It is kept with the consent in Carrier.", { color: MUTED });
    }
    return;
  }
  const image = form.mediaType === "image/png" ? await pdf.embedPng(form.bytes) : await pdf.embedJpg(form.bytes);
  const page = pdf.addPage(PAGE);
  const scale = Math.min(WIDTH / image.width, (PAGE[1] - 2 * MARGIN) / image.height, 1);
  page.drawImage(image, { x: MARGIN, y: PAGE[1] - MARGIN - image.height * scale, width: image.width * scale, height: image.height * scale });
}

export async function renderConsentPdf(consent: ConsentDetail, scannedForm: { bytes: Uint8Array; mediaType: string } | null): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const patientName = [consent.patient.givenName, consent.patient.middleName, consent.patient.familyName].filter(Boolean).join(" ");
  pdf.setTitle(`Authorization to release medical images: ${printable(patientName)}`);
  pdf.setSubject(`Carrier consent ${consent.id}`);
  pdf.setKeywords([`consent:${consent.id}`, `sha256:${consent.contentSha256 ?? ""}`]);
  pdf.setProducer("Carrier");
  pdf.setCreationDate(consent.signedAt);
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
  };
  const writer = new Writer(pdf, fonts);

  writer.lines("Authorization to release medical images", { size: 18, font: fonts.bold });
  writer.lines(`Patient: ${patientName}, born ${formatCalendarDate(consent.patient.birthDate)}`, { size: 12 });
  if (consent.status !== "active") {
    writer.lines(consent.status === "revoked" ? `WITHDRAWN on ${formatInstant(consent.revokedAt!)}${consent.revokedBy ? ` by ${consent.revokedBy.name}` : ""}.` : "EXPIRED: this permission has ended.", { size: 12, font: fonts.bold });
  }

  writer.heading("What may be shared, with whom, and why");
  const [what, ...rest] = termsLines(consent);
  writer.fact(...what!);
  for (const line of studyLines(consent)) writer.lines(`- ${line}`, { indent: 14 });
  for (const [term, value] of rest) writer.fact(term, value);

  writer.heading("Please know");
  for (const statement of statementsOf(consent.statementsVersion)) writer.lines(`- ${statement}`, { indent: 14 });

  writer.heading("Signature");
  writer.fact("Signed by", consent.signerRelationship === "self" ? `${consent.signerName}, the patient` : `${consent.signerName}, the patient's ${consent.signerRelationship} (personal representative)`);
  writer.fact("Signed", `${formatInstant(consent.signedAt)}. ${METHOD_LABELS[consent.method]}.`);
  if (consent.witness) writer.fact("Witness", `${consent.witness.name}${consent.recordedBy?.organization ? `, ${consent.recordedBy.organization.name}` : ""}`);
  if (consent.recordedBy && !consent.witness) writer.fact("Recorded by", `${consent.recordedBy.name}${consent.recordedBy.organization ? `, ${consent.recordedBy.organization.name}` : ""}`);
  if (consent.identityCheck) writer.fact("Identity checked with", consent.identityCheck);
  if (consent.signatureKind === "DRAWN" && consent.signatureImage) {
    const image = await pdf.embedPng(consent.signatureImage);
    const scale = Math.min(240 / image.width, 80 / image.height);
    writer.space(image.height * scale + 12);
    writer.page.drawImage(image, { x: MARGIN, y: writer.y - image.height * scale - 4, width: image.width * scale, height: image.height * scale });
    writer.y -= image.height * scale + 8;
    writer.page.drawLine({ start: { x: MARGIN, y: writer.y }, end: { x: MARGIN + 240, y: writer.y }, thickness: 0.75, color: MUTED });
    writer.y -= 4;
  } else if (consent.signatureKind === "TYPED") {
    writer.lines(consent.signatureText ?? "", { size: 16, font: fonts.italic });
    writer.lines(TYPED_SIGNATURE_ATTESTATION, { color: MUTED, size: 9.5 });
  } else {
    writer.lines("Signed by hand on paper: the scanned form follows.", { color: MUTED });
  }

  writer.heading("Record");
  writer.fact("Consent id", consent.id);
  writer.fact("Content SHA-256", consent.contentSha256 ?? "not recorded");
  writer.fact("Audit reference", consent.signingEvent ? `event ${consent.signingEvent.id.toString()}, ${formatInstant(consent.signingEvent.occurredAt)}, chain hash ${consent.signingEvent.hash}` : "not found");
  writer.lines(`Statements version ${consent.statementsVersion}. Made by Carrier from its records of this consent.`, { color: MUTED, size: 9 });

  if (scannedForm) await appendScannedForm(pdf, writer, scannedForm);
  return pdf.save();
}
