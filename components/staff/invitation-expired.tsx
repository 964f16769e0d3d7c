import { PageHeading } from "@/components/ui/page-heading";
import { INVITATION_EXPIRED_MESSAGE } from "@/lib/staff/accept-invitation";

// Used, expired and unknown invitation links all read the same: the way forward is the same too.
export function InvitationExpired() {
  return <PageHeading title="This invitation link no longer works" lead={INVITATION_EXPIRED_MESSAGE} />;
}
