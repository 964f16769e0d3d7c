import type { Metadata } from "next";
import Link from "next/link";
import type { Route } from "next";
import { AreaTasks } from "@/components/shell/area-tasks";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { currentActor } from "@/lib/auth";
import { can } from "@/lib/auth/policy";

export const metadata: Metadata = {
  title: "Admin",
  description: "For the people who run Carrier at an organization.",
};

type AdminArea = { href: Route; title: string; description: string };

const areas: readonly AdminArea[] = [
  { href: "/admin/staff", title: "Staff", description: "Invite front desk staff and administrators, change roles, and deactivate accounts." },
  { href: "/admin/audit", title: "Audit trail", description: "Search every sign-in, disclosure, consent and transfer, and export it." },
  { href: "/admin/api-keys", title: "API keys", description: "Let imaging systems, like a clinic's PACS or Orthanc, reach Carrier's DICOMweb for one organization, and cut them off." },
];

const adminTasks = [
  "Manage organizations and staff accounts",
  "Keep the directory of destinations up to date",
  "Set up this gateway's identity on the Carequality network",
  "Search the audit trail of every disclosure",
  "Issue and revoke the API keys that other imaging systems use",
] as const;

function AdminHub() {
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {areas.map((area) => (
        <li key={area.href} className="relative flex flex-col gap-2 rounded-xl border border-line bg-surface p-5 hover:border-brand">
          <h2 className="text-xl font-semibold">
            {/* The link covers the card, so the whole card is one target with the heading as its name. */}
            <Link href={area.href} className="text-brand-strong underline decoration-2 after:absolute after:inset-0 after:rounded-xl">
              {area.title}
            </Link>
          </h2>
          <p className="text-ink-muted">{area.description}</p>
        </li>
      ))}
    </ul>
  );
}

export default async function AdminPage() {
  const actor = await currentActor();
  const isAdmin = actor !== null && can(actor, "staff.manage", { type: "carrier" });
  return (
    <div className="space-y-10">
      <PageHeading
        title="Admin"
        lead="For the people who run Carrier at an organization: who works here, where images can go, and what happened to them."
      />
      {isAdmin ? (
        <AdminHub />
      ) : (
        <>
          <Notice title={actor ? "This area is for administrators" : "Sign in with an admin account to continue"}>
            {actor ? (
              <p>You are signed in as {actor.displayName}, whose account is not an administrator&rsquo;s.</p>
            ) : (
              <p>
                Administrators <Link href="/sign-in/staff">sign in as staff</Link> with their password.
              </p>
            )}
          </Notice>
          <AreaTasks id="admin-tasks" tasks={adminTasks} />
        </>
      )}
    </div>
  );
}
