import type { Metadata } from "next";
import { DeskConsentPage } from "@/components/consent/desk-consent-page";
import { requireActor } from "@/lib/auth";
import { recordPaperAction } from "../actions";

export const metadata: Metadata = { title: "Add a signed paper form" };

export default async function DeskPaperConsentPage({ params }: PageProps<"/desk/patients/[patientId]/consents/upload">) {
  const { patientId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}/consents/upload`);
  return (
    <DeskConsentPage
      actor={actor}
      patientId={patientId}
      title="Signed paper form"
      lead="Copy what the signed paper form says, then add its scan. Carrier keeps the scan with the permission."
      mode={{ method: "PAPER_FORM", today: new Date().toISOString().slice(0, 10) }}
      action={recordPaperAction.bind(null, patientId)}
      submitLabel="Save the paper form"
    />
  );
}
