import type { Metadata } from "next";
import { InviteStaffForm } from "@/components/staff/invite-staff-form";
import { NotForYou } from "@/components/staff/not-for-you";
import { StaffList } from "@/components/staff/staff-list";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { listStaff, staffOrganizations } from "@/lib/staff/list";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const actor = await requireActor("/admin/staff");
  // The lib checks "staff.manage" itself; anyone else gets a plain answer rather than an error page.
  const loaded = await Promise.all([listStaff(db(), actor), staffOrganizations(db(), actor)]).catch((error: unknown) => {
    if (error instanceof ForbiddenError) return null;
    throw error;
  });
  if (!loaded) return <NotForYou />;
  const [staff, organizations] = loaded;

  return (
    <div className="flex flex-col gap-12">
      <PageHeading title="Staff" lead="Invite front desk staff and administrators, change what they can do, and turn accounts off when someone leaves." />

      <section aria-labelledby="invite-heading" className="flex flex-col gap-4">
        <h2 id="invite-heading" className="text-2xl font-semibold tracking-tight">
          Invite a staff member
        </h2>
        {organizations.length > 0 ? (
          <InviteStaffForm organizations={organizations} />
        ) : (
          <Notice title="Add an organization first">
            <p>Staff work for an organization, and there is none yet.</p>
          </Notice>
        )}
      </section>

      <section aria-labelledby="accounts-heading" className="flex flex-col gap-4">
        <h2 id="accounts-heading" className="text-2xl font-semibold tracking-tight">
          Accounts ({staff.length})
        </h2>
        <p className="max-w-2xl text-ink-muted">Front desk staff, administrators and clinicians. Patients manage their own accounts and are not listed here.</p>
        <StaffList staff={staff} />
      </section>
    </div>
  );
}
