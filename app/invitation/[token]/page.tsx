import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/staff/accept-invitation-form";
import { InvitationExpired } from "@/components/staff/invitation-expired";
import { PageHeading } from "@/components/ui/page-heading";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { describeInvitation } from "@/lib/staff/accept-invitation";

export const metadata: Metadata = { title: "Choose your password", robots: { index: false, follow: false } };

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "long" });

// Reached from the invitation email. The link is the only proof the invitee has, so the page says
// nothing about anyone unless the link is live.
export default async function InvitationPage({ params }: PageProps<"/invitation/[token]">) {
  const { token } = await params;
  const invitation = await describeInvitation(db(), token);
  if (!invitation) return <InvitationExpired />;
  const where = invitation.organizationName ? ` for ${invitation.organizationName}` : "";
  return (
    <div className="flex flex-col gap-8">
      <PageHeading title="Choose your password" lead={`Welcome, ${invitation.name}. You were invited to work in Carrier${where}. Choose a password to finish setting up your account.`} />
      <p className="max-w-2xl">
        You will sign in with <strong className="break-all">{invitation.email}</strong> and this password. The link works once, until {day.format(invitation.expiresAt)}.
      </p>
      <AcceptInvitationForm token={token} minLength={PASSWORD_MIN_LENGTH} />
    </div>
  );
}
