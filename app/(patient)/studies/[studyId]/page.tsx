import type { Metadata } from "next";
import Link from "next/link";
import { formatBytes, formatDate } from "@/components/format";
import { STUDY_STATUS } from "@/components/studies/study-list";
import { BUTTON_CLASSES, BUTTON_SHAPE } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { downloadOffer } from "@/lib/download/offer";
import { personName } from "@/lib/ingest/dicom-values";
import { openStudy } from "@/lib/studies/detail";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Study" };

async function load(studyId: string) {
  const actor = await requireActor(`/studies/${studyId}`);
  const study = await orNotFound(openStudy(db(), actor, studyId));
  return { study, download: await orNotFound(downloadOffer(db(), actor, study)), canShare: actor.role === "PATIENT" };
}

export default async function StudyPage({ params }: PageProps<"/studies/[studyId]">) {
  const { studyId } = await params;
  const { study, download, canShare } = await load(studyId);
  const status = STUDY_STATUS[study.status];
  const facts: [string, string | null][] = [
    ["Date", study.studyDate ? formatDate(study.studyDate) : "Not recorded"],
    ["Kind", study.modalities.join(", ") || null],
    ["Hospital", study.institutionName],
    ["Referring doctor", personName(study.referringPhysician ?? undefined)],
    ["Accession number", study.accessionNumber],
    ["Name on the images", personName(study.dicomPatientName ?? undefined)],
    ["Contents", `${study.numberOfSeries} series, ${study.numberOfInstances} images, ${formatBytes(study.totalBytes)}`],
    ["Source", `${study.sourceLabel}${study.uploadedBy ? ` by ${study.uploadedBy.name}` : ""}${study.sourceOrganization ? ` from ${study.sourceOrganization.name}` : ""} on ${formatDate(study.createdAt)}`],
  ];
  return (
    <div className="space-y-10">
      <PageHeading title={study.description ?? "Study without a description"} lead={status ?? undefined} />

      <div className="flex flex-wrap gap-3">
        <ButtonLink href={`/viewer/${study.studyInstanceUid}`}>Open viewer</ButtonLink>
        {download ? (
          // A plain link, not next/link: prefetching it would start a download.
          <a href={download.href} className={`${BUTTON_SHAPE} ${BUTTON_CLASSES.secondary} no-underline`}>
            Download (zip, {formatBytes(download.bytes)})
          </a>
        ) : null}
        {canShare && study.status !== "RECEIVING" ? (
          <ButtonLink href={`/shares/new?study=${study.id}`} variant="secondary">
            Share this study with a doctor
          </ButtonLink>
        ) : null}
      </div>

      <dl className="grid max-w-2xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== null)
          .map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="font-semibold">{term}</dt>
              <dd className="text-ink-muted">{value}</dd>
            </div>
          ))}
      </dl>

      <section aria-labelledby="series-heading" className="space-y-4">
        <h2 id="series-heading" className="text-2xl font-semibold tracking-tight">Series</h2>
        <p className="text-ink-muted">A series is one set of pictures taken in one pass, like one angle or one kind of scan.</p>
        <ul className="flex max-w-3xl flex-col gap-3">
          {study.series.map((series) => (
            <li key={series.id} className="flex gap-4 rounded-xl border border-line bg-surface p-4">
              {series.hasThumbnail ? (
                // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image: next/image's optimizer would cache it
                <img src={`/api/studies/${study.id}/series/${series.id}/thumbnail`} alt={`Middle image of ${series.description ?? "this series"}`} width={96} height={96} className="size-24 shrink-0 rounded-lg bg-black object-contain" />
              ) : (
                <div className="flex size-24 shrink-0 items-center justify-center rounded-lg bg-canvas p-2 text-center text-sm text-ink-muted">No preview</div>
              )}
              <div>
                <h3 className="font-semibold">
                  {series.description ?? "Series without a description"}
                  {series.seriesNumber !== null ? <span className="font-normal text-ink-muted"> (series {series.seriesNumber})</span> : null}
                </h3>
                <p className="text-ink-muted">
                  {[series.modality, series.bodyPart?.toLowerCase()].filter(Boolean).join(", ")}
                  {series.modality || series.bodyPart ? " · " : ""}
                  {series.numberOfInstances} image{series.numberOfInstances === 1 ? "" : "s"}, {formatBytes(series.totalBytes)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      {study.missingInstances.length > 0 ? (
        <section aria-labelledby="missing-heading" className="max-w-3xl space-y-3">
          <h2 id="missing-heading" className="text-2xl font-semibold tracking-tight">Images that did not arrive</h2>
          <p>
            {study.missingInstances.length} image{study.missingInstances.length === 1 ? "" : "s"} found on your device never arrived. Add the images again from the same CD or folder: what is already here is not sent twice.
          </p>
          <details>
            <summary className="cursor-pointer font-semibold">Show their DICOM identifiers</summary>
            <ul className="mt-2 list-disc pl-6 break-all text-ink-muted">
              {study.missingInstances.slice(0, 500).map((uid) => <li key={uid}>{uid}</li>)}
            </ul>
          </details>
        </section>
      ) : null}

      {study.problems.length > 0 ? (
        <section aria-labelledby="problems-heading" className="max-w-3xl space-y-3">
          <h2 id="problems-heading" className="text-2xl font-semibold tracking-tight">Files that were not added</h2>
          <ul className="space-y-2 break-all">
            {study.problems.map((problem) => (
              <li key={problem.id}>
                <span className="font-semibold">{problem.name}</span> ({formatDate(problem.createdAt)}): {problem.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <Link href="/studies">Back to your studies</Link>
      </p>
    </div>
  );
}
