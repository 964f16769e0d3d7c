import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShareList } from "@/components/shares/share-list";
import { ButtonLink } from "@/components/ui/button-link";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { listShares } from "@/lib/shares/list";

export const metadata: Metadata = { title: "Shared links" };

export default async function SharesPage() {
  const actor = await requireActor("/shares");
  if (actor.role !== "PATIENT" || !actor.patientId) redirect("/studies");
  const shares = await listShares(db(), actor, actor.patientId);
  return (
    <div className="space-y-10">
      <PageHeading title="Shared links" lead="Links you made for doctors to see your images. Turn one off and it stops working at once." />
      <ButtonLink href="/shares/new">Share images with a doctor</ButtonLink>
      <ShareList shares={shares} patientCanSign />
    </div>
  );
}
