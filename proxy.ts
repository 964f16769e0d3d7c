import { NextResponse, type NextRequest } from "next/server";
import { HSTS, contentSecurityPolicy } from "@/lib/security/csp";

// Every page gets a fresh nonce and the CSP that names it (Next.js puts the nonce on its own
// scripts when it sees the policy on the request), and HSTS when it was served over TLS.

export function proxy(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = contentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development", https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Pages only: the API answers data with its own headers (next.config.ts), and uploads must not
  // pass through here (Next would buffer and cut large bodies).
  matcher: [
    {
      // Not a share link's landing (/s/<token>, plain HTML with its own policy), but /s/view pages.
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico|s/(?!view(?:/|$))).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
