import { DICOM_FOLDER, DICOMDIR_NAME, README_NAME } from "./layout";

// README.TXT, the first file in a downloaded study: what it is, how to open it, that it holds
// health information, and what is missing when the study arrived incomplete. Plain words, lines
// short enough for any text editor, Windows line endings so Notepad shows them as lines.

export type ReadmeStudy = {
  description: string | null;
  studyDate: Date | null;
  modalities: readonly string[];
  numberOfSeries: number;
  numberOfInstances: number;
  totalBytes: bigint;
  status: "RECEIVING" | "COMPLETE" | "INCOMPLETE";
  missingInstances: readonly string[];
};

const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const megabytes = (bytes: bigint) => `${(Number(bytes) / 1e6).toFixed(1)} MB`;

function whatItIs(study: ReadmeStudy): string {
  const when = study.studyDate ? `, ${DATE.format(study.studyDate)}` : "";
  const kind = study.modalities.length > 0 ? ` (${study.modalities.join(", ")})` : "";
  return `  ${study.description ?? "Study without a description"}${when}${kind}`;
}

function missingSection(study: ReadmeStudy): string[] {
  if (study.status !== "INCOMPLETE" || study.missingInstances.length === 0) return [];
  return [
    "",
    "SOME IMAGES ARE MISSING",
    `When this study was added to Carrier, ${plural(study.missingInstances.length, "image")} listed`,
    "on the original disc or folder never arrived, so they are not in this download either.",
    "Add the images again from the same CD or folder, then download the study again.",
    "The missing images' DICOM identifiers (SOP Instance UIDs):",
    ...study.missingInstances.map((uid) => `  ${uid}`),
  ];
}

export function readmeText(study: ReadmeStudy): string {
  const lines = [
    "IMAGING STUDY FROM CARRIER",
    "",
    "This holds one imaging study, downloaded from Carrier:",
    whatItIs(study),
    `  ${study.numberOfSeries} series, ${plural(study.numberOfInstances, "image")}, ${megabytes(study.totalBytes)}`,
    "",
    "It is laid out like a CD from a hospital:",
    `  ${DICOMDIR_NAME.padEnd(11)} the index that viewers and hospital systems read first`,
    `  ${DICOM_FOLDER.padEnd(11)} the images, one file each, exactly as Carrier received them`,
    `  ${README_NAME.padEnd(11)} this note`,
    "",
    "HOW TO OPEN IT",
    "1. Unzip the whole file into a folder first, and keep its folders as they are.",
    "2. Open that folder, or the DICOMDIR file in it, with a DICOM viewer. Free viewers",
    "   exist for Windows, Mac and Linux; look for \"Open DICOMDIR\" or \"Open folder\".",
    "3. To give the images to a doctor or another hospital, hand over the whole folder",
    "   (on a USB stick, or burned to a CD or DVD as it is): their systems read it like",
    "   a CD from a hospital.",
    "",
    "THIS HOLDS HEALTH INFORMATION",
    "The images carry the patient's name, date of birth and medical details. Anyone who",
    "has this file can see them. Keep it somewhere safe, share it only with people the",
    "patient chooses, and delete copies that are no longer needed.",
    ...missingSection(study),
  ];
  return `${lines.join("\r\n")}\r\n`;
}
