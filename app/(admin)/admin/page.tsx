import type { Metadata } from "next";
import { CheckList } from "@/components/ui/check-list";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = {
  title: "Admin",
  description: "For the people who run Carrier at an organization.",
};

const adminTasks = [
  "Manage organizations and staff accounts",
  "Keep the directory of destinations up to date",
  "Set up this gateway's identity on the Carequality network",
  "Search the audit trail of every disclosure",
] as const;

export default function AdminPage() {
  return (
    <div className="space-y-10">
      <PageHeading
        title="Admin"
        lead="For the people who run Carrier at an organization: who works here, where images can go, and what happened to them."
      />
      <Notice title="Sign in with an admin account to continue">
        <p>Sign-in is not open yet.</p>
      </Notice>
      <section aria-labelledby="admin-tasks" className="space-y-4">
        <h2 id="admin-tasks" className="text-2xl font-semibold tracking-tight">
          What you can do here
        </h2>
        <CheckList items={adminTasks} />
      </section>
    </div>
  );
}
