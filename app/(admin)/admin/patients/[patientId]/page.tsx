import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReasonForm } from "@/components/admin-access/reason-form";
import { formatDate } from "@/components/format";
import { StudyList } from "@/components/studies/study-list";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { openPatientRecord } from "@/lib/patients/record";
import { listStudies } from "@/lib/studies/list";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Patient records" };

// An administrator reaches a patient's records only by saying why (lib/patients/access-reasons.ts).
// Until then the page shows nothing of the patient, not even whether the id is one.

export default async function AdminPatientPage({ params }: PageProps<"/admin/patients/[patientId]">) {
  const { patientId } = await params;
  const actor = await requireActor(`/admin/patients/${patientId}`);
  // For administrators, who reach patients from the audit trail they may search.
  if (!can(actor, "audit.search", { type: "carrier" })) notFound();
  const reason = actor.accessReasons?.[patientId];
  if (!reason) {
    return (
      <div className="space-y-8">
        <PageHeading title="Open a patient's records" lead="Administrators see a patient's records and images only for a reason they state. It is recorded, and the patient sees it." />
        <ReasonForm patientId={patientId} />
      </div>
    );
  }
  const record = await orNotFound(Promise.all([openPatientRecord(db(), actor, patientId), listStudies(db(), actor, patientId)]));
  const [patient, studies] = record;
  return (
    <div className="space-y-8">
      <PageHeading title={`${patient.givenName} ${patient.familyName}`} lead={`Born ${formatDate(patient.birthDate)}. Opened for this reason: ${reason}`} />
      <section aria-labelledby="studies-heading" className="space-y-4">
        <h2 id="studies-heading" className="text-2xl font-semibold">Studies</h2>
        <StudyList studies={studies} />
      </section>
    </div>
  );
}
