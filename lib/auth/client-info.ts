import type { ClientInfo } from "./actor";

// Who is on the other end, for the audit trail. The last x-forwarded-for entry is the one our own
// server (or the proxy in front of it) added; earlier ones are whatever the client claimed.
export function clientInfo(headers: Headers): ClientInfo {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return { address: forwarded?.at(-1) ?? headers.get("x-real-ip") ?? undefined, userAgent: headers.get("user-agent")?.slice(0, 512) ?? undefined };
}
