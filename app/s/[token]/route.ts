import { clientInfo } from "@/lib/auth/client-info";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formText } from "@/lib/form-data";
import { isCrossSite } from "@/lib/security/cross-site";
import { checkShareAnswer, shareLanding } from "@/lib/shares/open";
import { SHARE_COOKIE, SHARE_SESSION_SECONDS } from "@/lib/shares/share-session";
import { checkHtml, ENDED_HTML, lockedHtml } from "./landing-html";

// Where a share link lands (GET) and where its check is answered (POST). Until the check is passed
// the page says nothing about the patient or the images: only that images were shared, with whom,
// and the patient's own message. Passing it opens a short share session and goes to the images.

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HTML = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" };
const html = (body: string, status = 200) => new Response(body, { status, headers: HTML });

const UNTIL = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });

export async function GET(_request: Request, { params }: RouteContext<"/s/[token]">): Promise<Response> {
  const { token } = await params;
  const landing = await shareLanding(db(), token);
  if (landing.state === "ended") return html(ENDED_HTML, 404);
  if (landing.state === "locked") return html(lockedHtml(landing.until));
  return html(checkHtml(landing));
}

export async function POST(request: Request, { params }: RouteContext<"/s/[token]">): Promise<Response> {
  const settings = env();
  // Only Carrier's own page answers the check: another site must not be able to burn a link's tries.
  if (isCrossSite(request.headers, settings.publicUrl)) return new Response("Cross-site requests are not accepted.\n", { status: 403 });
  if (!settings.authSecret) throw new Error("AUTH_SECRET is not set.");
  const { token } = await params;
  const form = await request.formData().catch(() => new FormData());
  const answer = formText(form, "answer").trim();
  const landing = await shareLanding(db(), token);
  if (landing.state === "ended") return html(ENDED_HTML, 404);
  if (landing.state === "locked") return html(lockedHtml(landing.until));
  if (!answer) return html(checkHtml(landing, "Enter the PIN you were given (or the birth date, if the link asks for it)."));

  const result = await checkShareAnswer(db(), token, answer, { secret: settings.authSecret, publicUrl: settings.publicUrl, client: clientInfo(request.headers) });
  if (result.ok) {
    const secure = settings.publicUrl.startsWith("https:") ? "; Secure" : "";
    return new Response(null, {
      status: 303,
      headers: { Location: `${settings.publicUrl}/s/view`, "Cache-Control": "no-store", "Set-Cookie": `${SHARE_COOKIE}=${result.session}; Path=/; Max-Age=${SHARE_SESSION_SECONDS}; HttpOnly; SameSite=Lax${secure}` },
    });
  }
  switch (result.reason) {
    case "ended":
      return html(ENDED_HTML, 404);
    case "locked":
      return html(checkHtml(landing, `Too many wrong answers. This link is locked until ${UNTIL.format(result.until)}. The person who shared it has been told.`));
    case "wrong":
      return html(checkHtml(landing, `That is not right. You can try ${result.triesLeft} more ${result.triesLeft === 1 ? "time" : "times"} before the link locks for an hour.`));
  }
}
