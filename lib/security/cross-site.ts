// Whether a state-changing request came from another site's page. Browsers say so in
// Sec-Fetch-Site; older ones only in Origin, which is "null" rather than our origin on pages
// under Referrer-Policy: no-referrer (ours), so "null" alone proves nothing either way.

export function isCrossSite(headers: Headers, publicUrl: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = headers.get("origin");
  return origin !== null && origin !== "null" && origin !== new URL(publicUrl).origin;
}
