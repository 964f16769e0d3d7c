import type { ConsentFormState } from "@/app/(patient)/consents/form-state";
import { ConsentForm } from "@/components/consent/consent-form";
import type { SigningMode } from "@/components/consent/signing-fields";
import { studyChoices } from "@/components/consent/study-choices";
import { PageHeading } from "@/components/ui/page-heading";
import type { UserActor } from "@/lib/auth/actor";
import { recipientChoices } from "@/lib/consent/recipients";
import { db } from "@/lib/db";
import { openPatientRecord } from "@/lib/patients/record";
import { listStudies } from "@/lib/studies/list";
import { orNotFound } from "@/lib/or-not-found";

// The two desk pages that record a consent (in person, from paper) differ only in their words and
// the signing step; both load the patient's record and studies through the policy.

export async function DeskConsentPage({
  actor,
  patientId,
  title,
  lead,
  mode,
  action,
  submitLabel,
}: {
  actor: UserActor;
  patientId: string;
  title: string;
  lead: string;
  mode: SigningMode;
  action: (previous: ConsentFormState, form: FormData) => Promise<ConsentFormState>;
  submitLabel: string;
}) {
  const loaded = await orNotFound(Promise.all([openPatientRecord(db(), actor, patientId), listStudies(db(), actor, patientId), recipientChoices(db())]));
  const [patient, studies, recipients] = loaded;
  const patientName = `${patient.givenName} ${patient.familyName}`;
  return (
    <div className="space-y-10">
      <PageHeading title={`${title}: ${patientName}`} lead={lead} />
      <ConsentForm action={action} choices={{ studies: studyChoices(studies), ...recipients }} patientName={patientName} mode={mode} today={new Date().toISOString().slice(0, 10)} submitLabel={submitLabel} />
    </div>
  );
}
