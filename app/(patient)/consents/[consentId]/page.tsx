import type { Metadata } from "next";
import Link from "next/link";
import { ConsentDetails } from "@/components/consent/consent-details";
import { RevokeConsent } from "@/components/consent/revoke-consent";
import { FormMessage } from "@/components/ui/form-message";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { openConsent, recipientLabel } from "@/lib/consent/read";
import { db } from "@/lib/db";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Permission to share" };

export default async function ConsentPage({ params, searchParams }: PageProps<"/consents/[consentId]">) {
  const { consentId } = await params;
  const actor = await requireActor(`/consents/${consentId}`);
  const consent = await orNotFound(openConsent(db(), actor, consentId));
  const { signed } = await searchParams;
  const recipient = recipientLabel(consent);
  return (
    <div className="space-y-8">
      <PageHeading title={`Permission for ${recipient}`} />
      {signed === "1" ? <FormMessage tone="success">Signed. {recipient} may now get the images this permission names. You can download a copy of the signed form below.</FormMessage> : null}
      <p>
        <a href={`/api/consents/${consent.id}/pdf`} download className="font-semibold">
          Download the signed form (PDF)
        </a>
      </p>
      <ConsentDetails consent={consent} />
      <div className="space-y-3">
        {consent.status === "active" ? <h2 className="text-2xl font-semibold tracking-tight">Take it back</h2> : null}
        <RevokeConsent consentId={consent.id} recipient={recipient} active={consent.status === "active"} />
      </div>
      <p>
        <Link href="/consents">Back to your permissions</Link>
      </p>
    </div>
  );
}
