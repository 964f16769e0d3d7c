// The name a downloaded study is saved under: its date and description in plain ASCII letters and
// digits, so every browser, disk and mail program keeps it as it is ("study-2026-01-02-ct-chest.zip").

const MAX_DESCRIPTION = 40;

export function downloadFileName(study: { studyDate: Date | null; description: string | null }): string {
  const date = study.studyDate?.toISOString().slice(0, 10);
  const description = (study.description ?? "")
    .normalize("NFKD")
    // Accents come apart from their letters and are dropped: "É" becomes "E".
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_DESCRIPTION)
    .replace(/^-+|-+$/g, "");
  return `${["study", date, description].filter(Boolean).join("-")}.zip`;
}
