import { API_CONTENT_SECURITY_POLICY } from "./csp";

// The headers every response carries, by path. next.config.ts gives them to what Next serves;
// Carrier's server adds the same ones to the routes it serves directly (scripts/boot/direct-routes.ts).

type Header = { key: string; value: string };
type HeaderRule = { prefix: string; headers: Header[] };

const RULES: readonly HeaderRule[] = [
  {
    prefix: "/",
    headers: [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "no-referrer" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ],
  },
  // Share links: never indexed (the pages are dynamic, so never stored by shared caches either).
  { prefix: "/s/", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
  { prefix: "/api/share/", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
  // Pages get their policy, with a nonce, from proxy.ts.
  { prefix: "/api/", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
];

/** The rules as next.config.ts's headers() returns them. */
export function nextHeaderRules(): { source: string; headers: Header[] }[] {
  return RULES.map((rule) => ({ source: `${rule.prefix}:path*`, headers: rule.headers }));
}

/** The headers the rules give a path; a later rule's value for a header replaces an earlier one's, as in Next. */
export function responseHeadersFor(pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of RULES) {
    if (!pathname.startsWith(rule.prefix)) continue;
    for (const { key, value } of rule.headers) headers[key] = value;
  }
  return headers;
}
