import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { headers } from "next/headers";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { db } from "../db";
import { sendEmail } from "../email/mailer";
import { signInLinkEmail } from "../email/templates";
import { env } from "../env";
import type { UserActor } from "./actor";
import { carrierAdapter } from "./adapter";
import { clientInfo } from "./client-info";
import { SESSION_MAX_AGE_SECONDS, createSession } from "./sessions";
import { checkStaffCredentials } from "./staff-credentials";

// Auth.js: patients (and clinicians with an account) sign in with an emailed link; staff with a
// password and, if they set one up, an authenticator code. The cookie is a signed JWT holding only
// a Session row id (lib/auth/sessions), so sessions can be revoked.

export const EMAIL_LINK_MINUTES = 15;
const EMAIL_LINK_ROLES = new Set(["PATIENT", "CLINICIAN"]);

/** Codes the staff sign-in form turns into messages; they travel in URLs, so they say little. */
export class StaffSignInError extends CredentialsSignin {
  constructor(code: "invalid" | `totp_required:${string}` | `totp_invalid:${string}` | `locked-${number}`) {
    super();
    this.code = code;
  }
}

const optionalText = (max: number) => z.string().max(max).optional().transform((value) => value || undefined);
const staffInput = z.object({ email: z.string().trim().toLowerCase().max(320), password: optionalText(1024), pending: optionalText(1024), code: optionalText(20) });

async function requestClient() {
  return clientInfo(await headers());
}

function signedInActor(user: { id: string; name: string; email: string; role: UserActor["role"] }, client: UserActor["client"], sessionId: string): UserActor {
  return { kind: "user", userId: user.id, role: user.role, displayName: user.name, email: user.email, organizationId: null, patientId: null, sessionId, client };
}

export function authConfig(): NextAuthConfig {
  const database = db();
  const settings = env();
  return {
    adapter: carrierAdapter(database),
    secret: settings.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in/problem" },
    providers: [
      Nodemailer({
        id: "email",
        server: settings.smtpUrl ?? "smtp://localhost",
        maxAge: EMAIL_LINK_MINUTES * 60,
        async sendVerificationRequest({ identifier, url }) {
          // Only active patients and clinicians get a link; everyone sees the same "check your email".
          const user = await database.user.findFirst({ where: { email: identifier, deactivatedAt: null }, select: { role: true } });
          if (user && EMAIL_LINK_ROLES.has(user.role)) await sendEmail({ to: identifier, ...signInLinkEmail(url, EMAIL_LINK_MINUTES) });
        },
      }),
      Credentials({
        id: "password",
        credentials: { email: {}, password: {}, pending: {}, code: {} },
        async authorize(raw) {
          const input = staffInput.safeParse(raw);
          if (!input.success || !settings.authSecret) throw new StaffSignInError("invalid");
          const check = await checkStaffCredentials(database, settings.authSecret, input.data);
          if (check.ok) return { ...check.user, usedTotp: check.usedTotp };
          if (check.reason === "locked") throw new StaffSignInError(`locked-${Math.ceil((check.retryAt.getTime() - Date.now()) / 60_000)}`);
          if (check.reason === "totp_required") throw new StaffSignInError(`totp_required:${check.pending}`);
          if (check.userId) {
            await recordAudit(database, {
              actor: { kind: "system", displayName: "Carrier", reason: "failed staff sign-in" },
              action: "auth.sign-in-failed",
              entityType: "User",
              entityId: check.userId,
              detail: { failure: check.reason, ...(await requestClient()) },
            });
          }
          throw new StaffSignInError(check.reason === "totp_invalid" ? `totp_invalid:${check.pending ?? ""}` : "invalid");
        },
      }),
    ],
    callbacks: {
      async signIn({ user, account, email }) {
        if (email?.verificationRequest || account?.provider !== "email") return true;
        const holder = user.id ? await database.user.findFirst({ where: { id: user.id, deactivatedAt: null }, select: { role: true } }) : null;
        return !!holder && EMAIL_LINK_ROLES.has(holder.role);
      },
      async jwt({ token, user, account }) {
        if (!user?.id || !account) return token;
        const holder = await database.user.findUniqueOrThrow({ where: { id: user.id } });
        const client = await requestClient();
        const usedTotp = (user as { usedTotp?: boolean }).usedTotp === true;
        const method = account.provider === "email" ? "EMAIL_LINK" : usedTotp ? "PASSWORD_TOTP" : "PASSWORD";
        const sessionId = await createSession(database, { userId: holder.id, method, client });
        await recordAudit(database, { actor: signedInActor(holder, client, sessionId), action: "auth.sign-in", entityType: "Session", entityId: sessionId, detail: { method } });
        return { sub: holder.id, sid: sessionId };
      },
      session({ session, token }) {
        return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
}
