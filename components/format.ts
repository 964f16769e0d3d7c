// Sizes, times and dates as a patient reads them, the same on every page.

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** Decimal units, as disks and phones show sizes. */
export function formatBytes(bytes: number | bigint): string {
  const value = Number(bytes);
  if (value < 1000) return `${value} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let scaled = value / 1000;
  let unit = 0;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${scaled >= 10 ? Math.round(scaled) : scaled.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  if (whole < 60) return `${whole} second${whole === 1 ? "" : "s"}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A calendar date (stored at UTC midnight) as "January 3, 2026". */
export function formatDate(date: Date): string {
  return LONG_DATE.format(date);
}

/** A DICOM DA (YYYYMMDD) as "January 3, 2026"; blank or odd values as they are, or "Date not given". */
export function formatDicomDate(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return value.trim() || "Date not given";
  return formatDate(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** A DICOM PN (Family^Given^Middle) as "Given Middle Family". */
export function formatPersonName(value: string): string {
  const [family = "", given = "", middle = ""] = (value.split("=")[0] ?? "").split("^").map((part) => part.trim());
  return [given, middle, family].filter(Boolean).join(" ") || "Name not given";
}
