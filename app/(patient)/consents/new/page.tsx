import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConsentForm } from "@/components/consent/consent-form";
import { studyChoices } from "@/components/consent/study-choices";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { recipientChoices } from "@/lib/consent/recipients";
import { db } from "@/lib/db";
import { openPatientRecord } from "@/lib/patients/record";
import { listStudies } from "@/lib/studies/list";
import { signConsentAction } from "../actions";

export const metadata: Metadata = { title: "Give a permission to share" };

export default async function NewConsentPage() {
  const actor = await requireActor("/consents/new");
  if (actor.role !== "PATIENT" || !actor.patientId) redirect("/consents");
  const [patient, studies, recipients] = await Promise.all([openPatientRecord(db(), actor, actor.patientId), listStudies(db(), actor, actor.patientId), recipientChoices(db())]);
  return (
    <div className="space-y-10">
      <PageHeading title="Give a permission to share" lead="Say who may get your images, which ones, and why. You check everything before you sign." />
      <ConsentForm
        action={signConsentAction}
        choices={{ studies: studyChoices(studies), ...recipients }}
        patientName={`${patient.givenName} ${patient.familyName}`}
        mode={{ method: "ONLINE" }}
        today={new Date().toISOString().slice(0, 10)}
        submitLabel="Sign"
      />
    </div>
  );
}
