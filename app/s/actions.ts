"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientInfo } from "@/lib/auth/client-info";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formText } from "@/lib/form-data";
import { checkShareAnswer } from "@/lib/shares/open";
import { SHARE_COOKIE, SHARE_SESSION_SECONDS } from "@/lib/shares/share-session";

export type ShareCheckState = { message?: string };

const UNTIL = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZoneName: "short" });

/** The recipient answers a link's check (PIN or birth date); passing it opens a short share session. */
export async function checkShare(token: string, _previous: ShareCheckState, form: FormData): Promise<ShareCheckState> {
  const answer = formText(form, "answer").trim();
  if (!answer) return { message: "Enter the PIN you were given (or the birth date, if the link asks for it)." };
  const settings = env();
  if (!settings.authSecret) throw new Error("AUTH_SECRET is not set.");
  const result = await checkShareAnswer(db(), token, answer, { secret: settings.authSecret, publicUrl: settings.publicUrl, client: clientInfo(await headers()) });
  if (!result.ok) {
    switch (result.reason) {
      case "ended":
        return { message: "This link has ended. Ask the person who sent it for a new one." };
      case "locked":
        return { message: `Too many wrong answers. This link is locked until ${UNTIL.format(result.until)}. The person who shared it has been told.` };
      case "wrong":
        return { message: `That is not right. You can try ${result.triesLeft} more ${result.triesLeft === 1 ? "time" : "times"} before the link locks for an hour.` };
    }
  }
  (await cookies()).set(SHARE_COOKIE, result.session, {
    httpOnly: true,
    sameSite: "lax",
    secure: settings.publicUrl.startsWith("https:"),
    path: "/",
    maxAge: SHARE_SESSION_SECONDS,
  });
  redirect("/s/view");
}
