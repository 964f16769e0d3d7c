import type { ReactNode } from "react";
import type { ApiKeyStatus, ApiKeySummary } from "@/lib/api-keys/list";
import { RevokeKey } from "./revoke-key";
import { SCOPE_LABELS } from "./scope-labels";

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

const STATUS: Record<ApiKeyStatus, { label: string; colours: string }> = {
  active: { label: "Active", colours: "bg-brand-soft text-brand-strong" },
  expired: { label: "Expired", colours: "bg-canvas text-ink border border-line-strong" },
  revoked: { label: "Revoked", colours: "bg-danger-soft text-danger-strong" },
};

function expiryText(key: ApiKeySummary): string {
  if (!key.expiresAt) return "Never";
  return key.status === "expired" ? `Expired on ${when.format(key.expiresAt)}` : when.format(key.expiresAt);
}

/** `wide` facts (sentences, lists) take the whole width on phones. */
function Fact({ term, wide = false, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "col-span-2 lg:col-span-1" : undefined}>
      <dt className="text-sm font-semibold text-ink-muted">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

// One key: which system, for whom, what it may do, and where it stands. The prefix is what the
// system's own settings show, so an administrator can match the two.
export function KeyCard({ apiKey }: { apiKey: ApiKeySummary }) {
  const status = STATUS[apiKey.status];
  return (
    <li className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="text-xl font-semibold break-words">{apiKey.name}</h3>
        <span className={`rounded-full px-2.5 py-0.5 text-sm font-semibold ${status.colours}`}>{status.label}</span>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 lg:grid-cols-3">
        <Fact term="Organization" wide>{apiKey.organizationName}</Fact>
        <Fact term="Key starts with" wide>
          <code className="font-mono break-all">{apiKey.prefix}</code>
        </Fact>
        <Fact term="May" wide>
          <ul>
            {apiKey.scopes.map((scope) => (
              <li key={scope}>{SCOPE_LABELS[scope]}</li>
            ))}
          </ul>
        </Fact>
        <Fact term="Issued" wide>
          {when.format(apiKey.createdAt)} by {apiKey.createdByName}
        </Fact>
        <Fact term="Last used">{apiKey.lastUsedAt ? when.format(apiKey.lastUsedAt) : "Never"}</Fact>
        <Fact term="Expires">{expiryText(apiKey)}</Fact>
        {apiKey.revokedAt ? (
          <Fact term="Revoked" wide>
            {when.format(apiKey.revokedAt)}
            {apiKey.revokedByName ? ` by ${apiKey.revokedByName}` : ""}
          </Fact>
        ) : null}
      </dl>
      {/* Mounted for revoked keys too, so the outcome of revoking stays in view after the list refreshes. */}
      <RevokeKey apiKeyId={apiKey.id} name={apiKey.name} revoked={apiKey.status === "revoked"} />
    </li>
  );
}
