import type { Metadata } from "next";
import Link from "next/link";
import { ConsentList } from "@/components/consent/consent-list";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { listConsents } from "@/lib/consent/read";
import { db } from "@/lib/db";

export const metadata: Metadata = {
  title: "Permissions to share",
  description: "The permissions you signed for others to get your images, and how to take one back.",
};

export default async function ConsentsPage() {
  const actor = await requireActor("/consents");
  if (actor.role !== "PATIENT" || !actor.patientId) {
    return (
      <div className="space-y-8">
        <PageHeading title="Permissions to share" />
        <Notice title="This page is for patients">
          <p>
            Front desk staff record a permission from <Link href="/desk">the patient&apos;s page at the front desk</Link>.
          </p>
        </Notice>
      </div>
    );
  }
  const consents = await listConsents(db(), actor, actor.patientId);
  return (
    <div className="space-y-10">
      <PageHeading title="Permissions to share" lead="Nobody gets your images unless you say so here. Each permission says who, which images, why, and for how long. You can take one back at any time." />
      <ButtonLink href="/consents/new">Give a new permission</ButtonLink>
      <ConsentList consents={consents} href={(consent) => `/consents/${consent.id}`} />
    </div>
  );
}
