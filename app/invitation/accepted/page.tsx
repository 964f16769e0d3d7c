import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Your password is set" };

// Where accepting an invitation leads: one clear next step, signing in.
export default function InvitationAcceptedPage() {
  return (
    <div className="flex flex-col gap-8">
      <PageHeading title="Your password is set" lead="Your account is ready. Sign in with your work email and the password you just chose." />
      <div>
        <ButtonLink href="/sign-in/staff">Sign in</ButtonLink>
      </div>
    </div>
  );
}
