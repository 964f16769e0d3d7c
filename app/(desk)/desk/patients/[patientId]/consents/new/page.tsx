import type { Metadata } from "next";
import { DeskConsentPage } from "@/components/consent/desk-consent-page";
import { requireActor } from "@/lib/auth";
import { recordInPersonAction } from "../actions";

export const metadata: Metadata = { title: "Record a permission signed here" };

export default async function DeskNewConsentPage({ params }: PageProps<"/desk/patients/[patientId]/consents/new">) {
  const { patientId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}/consents/new`);
  return (
    <DeskConsentPage
      actor={actor}
      patientId={patientId}
      title="Permission signed here"
      lead="Fill this in with the patient, or hand them the tablet. They check it, read the statements and sign in the box; you are the witness."
      mode={{ method: "IN_PERSON", witness: actor.displayName }}
      action={recordInPersonAction.bind(null, patientId)}
      submitLabel="Save the signed permission"
    />
  );
}
