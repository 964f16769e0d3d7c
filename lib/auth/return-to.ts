// Where to go after signing in: only a path on this site, never another origin.
export function safeReturnPath(value: unknown, fallback = "/studies"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
