// DICOM value formats (PS3.5 6.2) turned into what the database and the pages show.

/** A DA value (YYYYMMDD) as a UTC date; anything else (blank, partial, impossible dates) as null. */
export function dicomDate(value: string | undefined): Date | null {
  const match = value?.trim().match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid && year >= 1850 ? date : null;
}

/**
 * A PN value (Family^Given^Middle^Prefix^Suffix, with optional ideographic and phonetic groups
 * after "=") as a name people read: "Given Middle Family". Blank gives null.
 */
export function personName(value: string | undefined): string | null {
  const alphabetic = value?.split("=")[0]?.trim();
  if (!alphabetic) return null;
  const [family = "", given = "", middle = "", prefix = "", suffix = ""] = alphabetic.split("^").map((part) => part.trim());
  const name = [prefix, given, middle, family, suffix].filter(Boolean).join(" ");
  return name || null;
}

/** Trims a text value and turns blank into null. */
export function text(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
