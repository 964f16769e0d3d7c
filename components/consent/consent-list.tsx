import Link from "next/link";
import type { Route } from "next";
import { formatDate } from "@/components/format";
import type { ConsentStatus, ConsentSummary } from "@/lib/consent/read";
import { recipientLabel } from "@/lib/consent/read";
import { endsLine, purposeLine, whatLine } from "@/lib/consent/summary";

// A patient's consents in three groups: in effect, ended, withdrawn. Each links to its page.

const GROUPS: { status: ConsentStatus; title: string; empty: string }[] = [
  { status: "active", title: "In effect", empty: "None in effect right now." },
  { status: "expired", title: "Ended", empty: "None have ended." },
  { status: "revoked", title: "Withdrawn", empty: "None were withdrawn." },
];

export function ConsentList({ consents, href }: { consents: ConsentSummary[]; href: (consent: ConsentSummary) => Route }) {
  return (
    <div className="flex flex-col gap-8">
      {GROUPS.map((group) => {
        const members = consents.filter((consent) => consent.status === group.status);
        return (
          <section key={group.status} aria-labelledby={`consents-${group.status}`} className="flex flex-col gap-3">
            <h2 id={`consents-${group.status}`} className="text-2xl font-semibold tracking-tight">
              {group.title} <span className="text-lg font-normal text-ink-muted">({members.length})</span>
            </h2>
            {members.length === 0 ? <p className="text-ink-muted">{group.empty}</p> : null}
            <ul className="flex max-w-3xl flex-col gap-3">
              {members.map((consent) => (
                <li key={consent.id} className="rounded-xl border border-line bg-surface p-4 sm:p-5">
                  <h3 className="text-lg font-semibold">
                    <Link href={href(consent)}>{recipientLabel(consent)}</Link>
                  </h3>
                  <p className="text-ink-muted">
                    {purposeLine(consent)} · {whatLine(consent)}
                  </p>
                  <p className="text-ink-muted">
                    Signed {formatDate(consent.signedAt)} · {consent.revokedAt ? `Withdrawn ${formatDate(consent.revokedAt)}` : endsLine(consent)}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
