import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConsentDetails } from "@/components/consent/consent-details";
import { RevokeConsent } from "@/components/consent/revoke-consent";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { openConsent, recipientLabel } from "@/lib/consent/read";
import { db } from "@/lib/db";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Patient's permission" };

export default async function DeskConsentPage({ params }: PageProps<"/desk/patients/[patientId]/consents/[consentId]">) {
  const { patientId, consentId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}/consents/${consentId}`);
  const consent = await orNotFound(openConsent(db(), actor, consentId));
  // The consent must be this patient's, not another of the organization's patients.
  if (consent.patientId !== patientId) notFound();
  const recipient = recipientLabel(consent);
  return (
    <div className="space-y-8">
      <PageHeading title={`Permission for ${recipient}`} lead={`Given by ${consent.patient.givenName} ${consent.patient.familyName}.`} />
      <p>
        <a href={`/api/consents/${consent.id}/pdf`} download className="font-semibold">
          Download the signed form (PDF)
        </a>
      </p>
      <ConsentDetails consent={consent} />
      <div className="space-y-3">
        {consent.status === "active" ? <h2 className="text-2xl font-semibold tracking-tight">Withdraw for the patient</h2> : null}
        <RevokeConsent consentId={consent.id} recipient={recipient} active={consent.status === "active"} byStaff />
      </div>
      <p>
        <Link href={`/desk/patients/${patientId}/consents`}>Back to the patient&apos;s permissions</Link>
      </p>
    </div>
  );
}
