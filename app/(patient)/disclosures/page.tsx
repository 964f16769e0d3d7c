import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DisclosureList } from "@/components/audit/disclosure-list";
import { PageHeading } from "@/components/ui/page-heading";
import { listDisclosures } from "@/lib/audit/disclosures";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { listStudies } from "@/lib/studies/list";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Who saw your images" };

export default async function DisclosuresPage({ searchParams }: PageProps<"/disclosures">) {
  const actor = await requireActor("/disclosures");
  if (!actor.patientId) notFound();
  const { study } = await searchParams;
  const studyId = typeof study === "string" && study !== "" ? study : undefined;
  const studies = await listStudies(db(), actor, actor.patientId);
  const events = await orNotFound(listDisclosures(db(), actor, { patientId: actor.patientId, studyId }));
  const studyNames = new Map(studies.map((item) => [item.id, item.description ?? "Study without a description"]));
  return (
    <div className="space-y-8">
      <PageHeading title="Who saw your images" lead="Every time someone other than you opened, received or retrieved your images, newest first." />
      <form method="get" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="study" className="font-semibold">Show</label>
          <select id="study" name="study" defaultValue={studyId ?? ""} className="min-h-12 rounded-lg border-2 border-line-strong bg-surface px-3">
            <option value="">All your studies</option>
            {studies.map((item) => (
              <option key={item.id} value={item.id}>{studyNames.get(item.id)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-12 rounded-lg border-2 border-brand px-5 font-semibold text-brand-strong">Show</button>
      </form>
      <DisclosureList events={events} studyNames={studyId ? new Map([[studyId, studyNames.get(studyId) ?? ""]]) : studyNames} />
    </div>
  );
}
