import { studyChoices } from "@/components/consent/study-choices";
import { PageHeading } from "@/components/ui/page-heading";
import { createShareAction } from "@/app/(patient)/shares/actions";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { openPatientRecord } from "@/lib/patients/record";
import { listStudies } from "@/lib/studies/list";
import { ShareForm } from "./share-form";
import { orNotFound } from "@/lib/or-not-found";

// The share page, for the patient or for the desk with the patient there: the patient's record
// and studies are loaded through the policy, and the form records the consent as the patient signs.

export async function SharePage({ actor, patientId, chosen }: { actor: UserActor; patientId: string; chosen: readonly string[] }) {
  const loaded = await orNotFound(Promise.all([openPatientRecord(db(), actor, patientId), listStudies(db(), actor, patientId)]));
  const [patient, studies] = loaded;
  const patientName = `${patient.givenName} ${patient.familyName}`;
  const ready = studies.filter((study) => study.status !== "RECEIVING");
  const desk = actor.role !== "PATIENT";
  return (
    <div className="space-y-10">
      <PageHeading
        title={desk ? `Share images with a doctor: ${patientName}` : "Share images with a doctor"}
        lead={desk ? "Fill this in with the patient. They read the permission and sign in the box; you are the witness." : "The doctor gets a private link to look at your images in a web browser. You can turn it off at any time."}
      />
      {ready.length === 0 ? (
        <p>There are no studies to share yet. Add images first.</p>
      ) : (
        <ShareForm action={createShareAction.bind(null, patientId)} studies={studyChoices(ready)} chosen={chosen} patientName={patientName} mode={desk ? { method: "IN_PERSON", witness: actor.displayName } : { method: "ONLINE" }} />
      )}
    </div>
  );
}
