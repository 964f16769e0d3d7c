import type { Metadata } from "next";
import Link from "next/link";
import { ConsentList } from "@/components/consent/consent-list";
import { ButtonLink } from "@/components/ui/button-link";
import { FormMessage } from "@/components/ui/form-message";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { listConsents } from "@/lib/consent/read";
import { db } from "@/lib/db";
import { openPatientRecord } from "@/lib/patients/record";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Patient's permissions" };

export default async function DeskConsentsPage({ params, searchParams }: PageProps<"/desk/patients/[patientId]/consents">) {
  const { patientId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}/consents`);
  const loaded = await orNotFound(Promise.all([openPatientRecord(db(), actor, patientId), listConsents(db(), actor, patientId)]));
  const [patient, consents] = loaded;
  const { recorded } = await searchParams;
  return (
    <div className="space-y-8">
      <PageHeading title={`Permissions: ${patient.givenName} ${patient.familyName}`} lead="What the patient allows to be shared, with whom and until when. Withdraw one when the patient asks." />
      {recorded === "1" ? <FormMessage tone="success">The permission was saved. The patient sees it in their account.</FormMessage> : null}
      <div className="flex flex-wrap gap-3">
        <ButtonLink href={`/desk/patients/${patientId}/consents/new`}>Record one signed here</ButtonLink>
        <ButtonLink href={`/desk/patients/${patientId}/consents/upload`} variant="secondary">
          Add a signed paper form
        </ButtonLink>
      </div>
      <ConsentList consents={consents} href={(consent) => `/desk/patients/${patientId}/consents/${consent.id}`} />
      <p>
        <Link href={`/desk/patients/${patientId}`}>Back to the patient</Link>
      </p>
    </div>
  );
}
