import type { Metadata } from "next";
import { formatDate } from "@/components/format";
import { StudyList } from "@/components/studies/study-list";
import { ButtonLink } from "@/components/ui/button-link";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { openPatientRecord } from "@/lib/patients/record";
import { listStudies } from "@/lib/studies/list";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Patient" };

export default async function DeskPatientPage({ params }: PageProps<"/desk/patients/[patientId]">) {
  const { patientId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}`);
  const record = await orNotFound(Promise.all([openPatientRecord(db(), actor, patientId), listStudies(db(), actor, patientId)]));
  const [patient, studies] = record;
  return (
    <div className="space-y-8">
      <PageHeading title={`${patient.givenName} ${patient.familyName}`} lead={`Born ${formatDate(patient.birthDate)} · Record ${patient.identifiers.map((identifier) => identifier.value).join(", ")}`} />
      <section aria-labelledby="studies-heading" className="space-y-4">
        <h2 id="studies-heading" className="text-2xl font-semibold">Studies</h2>
        <ButtonLink href={`/desk/patients/${patientId}/upload`}>Add images from a CD, folder or zip</ButtonLink>
        <StudyList studies={studies} />
      </section>
      <section aria-labelledby="consents-heading" className="space-y-4">
        <h2 id="consents-heading" className="text-2xl font-semibold">Permissions to share</h2>
        <div className="flex flex-wrap gap-3">
          <ButtonLink href={`/desk/patients/${patientId}/consents`} variant="secondary">See, record or withdraw permissions</ButtonLink>
          <ButtonLink href={`/desk/patients/${patientId}/shares/new`} variant="secondary">Share images with a doctor</ButtonLink>
        </div>
      </section>
    </div>
  );
}
