import type { Metadata } from "next";
import { ConnectionHelp } from "@/components/api-keys/connection-help";
import { IssueKeyForm } from "@/components/api-keys/issue-key-form";
import { KeyList } from "@/components/api-keys/key-list";
import { ButtonLink } from "@/components/ui/button-link";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { apiKeyOrganizations, listApiKeys } from "@/lib/api-keys/list";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";

export const metadata: Metadata = { title: "API keys" };

function NotForYou() {
  return (
    <div className="flex flex-col gap-8">
      <PageHeading
        title="Managing API keys is not available to you"
        lead="Only administrators can issue and revoke the keys that other imaging systems use to reach Carrier. If a system at your organization needs one, ask an administrator."
      />
      <div>
        <ButtonLink href="/" variant="secondary">
          Go to the home page
        </ButtonLink>
      </div>
    </div>
  );
}

export default async function ApiKeysPage() {
  const actor = await requireActor("/admin/api-keys");
  // The lib checks "api-key.manage" itself; anyone else gets a plain answer rather than an error page.
  const loaded = await Promise.all([listApiKeys(db(), actor), apiKeyOrganizations(db(), actor)]).catch((error: unknown) => {
    if (error instanceof ForbiddenError) return null;
    throw error;
  });
  if (!loaded) return <NotForYou />;
  const [apiKeys, organizations] = loaded;

  return (
    <div className="flex flex-col gap-12">
      <PageHeading
        title="API keys"
        lead="Let other imaging systems, like a clinic's PACS or Orthanc, query, retrieve and store images through Carrier's DICOMweb. Each key reaches only the patients registered at its organization."
      />

      <section aria-labelledby="issue-heading" className="flex flex-col gap-4">
        <h2 id="issue-heading" className="text-2xl font-semibold tracking-tight">
          Issue a key
        </h2>
        {organizations.length > 0 ? (
          <IssueKeyForm organizations={organizations} />
        ) : (
          <Notice title="Add an organization first">
            <p>A key reaches the patients of one organization, and there is none yet.</p>
          </Notice>
        )}
      </section>

      <section aria-labelledby="connect-heading" className="flex flex-col gap-4">
        <h2 id="connect-heading" className="text-2xl font-semibold tracking-tight">
          Connecting a system
        </h2>
        <ConnectionHelp dicomwebUrl={`${env().publicUrl}/api/dicomweb`} />
      </section>

      <section aria-labelledby="keys-heading" className="flex flex-col gap-4">
        <h2 id="keys-heading" className="text-2xl font-semibold tracking-tight">
          Keys ({apiKeys.length})
        </h2>
        <KeyList apiKeys={apiKeys} />
      </section>
    </div>
  );
}
