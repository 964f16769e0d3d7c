import type { StudyFound } from "./scan";

// Whether the person on the images is the account holder. Only a clear difference counts: blank
// or missing fields on the images are common (anonymized CDs) and are not a mismatch.

export type AccountHolder = { givenName: string; familyName: string; birthDate: string };

export type Mismatch = { study: StudyFound; name: boolean; birthDate: boolean };

const letters = (value: string) => value.normalize("NFD").replace(/[^\p{L}]/gu, "").toUpperCase();

function nameDiffers(dicomName: string, holder: AccountHolder): boolean {
  const [family = "", given = ""] = (dicomName.split("=")[0] ?? "").split("^");
  if (!letters(family)) return false;
  if (letters(family) !== letters(holder.familyName)) return true;
  const firstGiven = letters(given.trim().split(/\s+/)[0] ?? "");
  return firstGiven !== "" && firstGiven !== letters(holder.givenName.split(/\s+/)[0] ?? "");
}

function birthDateDiffers(dicomDate: string, holder: AccountHolder): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(dicomDate.trim());
  return match !== null && `${match[1]}-${match[2]}-${match[3]}` !== holder.birthDate;
}

export function patientMismatches(studies: readonly StudyFound[], holder: AccountHolder): Mismatch[] {
  return studies
    .map((study) => ({ study, name: nameDiffers(study.patientName, holder), birthDate: birthDateDiffers(study.patientBirthDate, holder) }))
    .filter((mismatch) => mismatch.name || mismatch.birthDate);
}
