import type { ReactNode } from "react";
import type { InvitationStatus, StaffMember } from "@/lib/staff/list";
import { isStaffRole } from "@/lib/staff/roles";
import { AccountSwitch } from "./account-switch";
import { ResendInvitationForm } from "./resend-invitation-form";
import { ROLE_LABELS } from "./role-labels";
import { RoleChangeForm } from "./role-change-form";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

function invitationText(role: StaffMember["role"], invitation: InvitationStatus): string {
  switch (invitation.state) {
    case "accepted":
      return isStaffRole(role) ? "Password set" : "Signs in with an email link";
    case "pending":
      return `Invitation sent; the link works until ${day.format(invitation.expiresAt)}`;
    case "expired":
      return `Invitation expired on ${day.format(invitation.expiresAt)}`;
    case "none":
      return "No password yet, and no invitation link";
  }
}

/** `wide` facts (long addresses, sentences) take the whole width on phones. */
function Fact({ term, wide = false, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "col-span-2 lg:col-span-1" : undefined}>
      <dt className="text-sm font-semibold text-ink-muted">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// One account: who, where they stand, and what an administrator can do about it. An administrator's
// own card has no controls: they cannot demote or deactivate themselves.
export function StaffCard({ member }: { member: StaffMember }) {
  const staffRole = isStaffRole(member.role) ? member.role : null;
  const canResend = staffRole !== null && !member.deactivatedAt && member.invitation.state !== "accepted";
  return (
    <li className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="text-xl font-semibold break-words">
          {member.name}
          {member.isYou ? " (you)" : ""}
        </h3>
        {member.deactivatedAt ? <span className="rounded-full bg-danger-soft px-2.5 py-0.5 text-sm font-semibold text-danger-strong">Deactivated</span> : null}
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 lg:grid-cols-3">
        <Fact term="Email" wide>
          <span className="break-all">{member.email}</span>
        </Fact>
        <Fact term="Role">{ROLE_LABELS[member.role]}</Fact>
        <Fact term="Organization">{member.organizationName ?? "None"}</Fact>
        <Fact term="Account">{member.deactivatedAt ? `Deactivated on ${day.format(member.deactivatedAt)}` : "Active"}</Fact>
        <Fact term="Two-step sign-in">{staffRole ? (member.twoStepOn ? "On" : "Off") : "Not used"}</Fact>
        <Fact term="Last sign-in">{member.lastSignInAt ? when.format(member.lastSignInAt) : "Never"}</Fact>
        <Fact term="Invitation" wide>{invitationText(member.role, member.invitation)}</Fact>
      </dl>
      {member.isYou ? (
        <p className="text-ink-muted">Another administrator can change your role or deactivate your account.</p>
      ) : (
        <div className="flex flex-wrap items-start gap-x-10 gap-y-5 border-t border-line pt-4">
          {staffRole && !member.deactivatedAt ? <RoleChangeForm userId={member.id} name={member.name} role={staffRole} /> : null}
          {canResend ? <ResendInvitationForm userId={member.id} name={member.name} /> : null}
          <AccountSwitch userId={member.id} name={member.name} deactivated={member.deactivatedAt !== null} />
        </div>
      )}
    </li>
  );
}
