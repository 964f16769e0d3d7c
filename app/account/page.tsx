import type { Metadata } from "next";
import { TotpSetup } from "@/components/account/totp-setup";
import { SubmitButton } from "@/components/ui/submit-button";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { listSessions } from "@/lib/auth/sessions";
import { STAFF_ROLES } from "@/lib/auth/staff-credentials";
import { db } from "@/lib/db";
import { signOutEverywhere, signOutHere } from "./actions";

export const metadata: Metadata = { title: "Your account" };

const METHOD_LABELS = { EMAIL_LINK: "email link", PASSWORD: "password", PASSWORD_TOTP: "password and code" } as const;
const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function AccountPage() {
  const actor = await requireActor("/account");
  const [sessions, user] = await Promise.all([
    listSessions(db(), actor),
    db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { totpEnabledAt: true } }),
  ]);
  const isStaff = (STAFF_ROLES as readonly string[]).includes(actor.role);
  return (
    <div className="flex flex-col gap-10">
      <PageHeading title="Your account" lead={`Signed in as ${actor.displayName} (${actor.email}).`} />

      <section aria-labelledby="sessions-heading" className="flex flex-col gap-4">
        <h2 id="sessions-heading" className="text-2xl font-semibold">Where you are signed in</h2>
        <ul className="flex max-w-2xl flex-col gap-3">
          {sessions.map((session) => (
            <li key={session.id} className="rounded-lg border border-line bg-surface p-4">
              <p className="font-semibold">
                {session.id === actor.sessionId ? "This browser" : (session.userAgent ?? "A browser")}
              </p>
              <p className="text-ink-muted">
                Signed in with {METHOD_LABELS[session.method]} on {when.format(session.createdAt)}; last active {when.format(session.lastSeenAt)}
                {session.ipAddress ? ` from ${session.ipAddress}` : ""}.
              </p>
            </li>
          ))}
        </ul>
        <div className="flex flex-wrap gap-3">
          <form action={signOutHere}>
            <SubmitButton pendingLabel="Signing out…" variant="secondary">Sign out</SubmitButton>
          </form>
          <form action={signOutEverywhere}>
            <SubmitButton pendingLabel="Signing out everywhere…" variant="danger">Sign out everywhere</SubmitButton>
          </form>
        </div>
      </section>

      {isStaff ? (
        <section aria-labelledby="two-step-heading" className="flex flex-col gap-4">
          <h2 id="two-step-heading" className="text-2xl font-semibold">Two-step sign-in</h2>
          {user.totpEnabledAt ? (
            <p>Two-step sign-in is on, since {when.format(user.totpEnabledAt)}. After your password, you are asked for a code from your authenticator app.</p>
          ) : (
            <>
              <p className="max-w-2xl">Protect patients&rsquo; records even if your password is stolen: after your password, Carrier will ask for a code from an authenticator app on your phone.</p>
              <TotpSetup />
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
