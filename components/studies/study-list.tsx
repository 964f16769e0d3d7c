import type { StudySummary } from "@/lib/studies/list";

const date = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

function size(bytes: bigint): string {
  const megabytes = Number(bytes) / 1_000_000;
  return megabytes >= 1000 ? `${(megabytes / 1000).toFixed(1)} GB` : `${Math.max(megabytes, 0.1).toFixed(1)} MB`;
}

const STATUS = { RECEIVING: "Still arriving", COMPLETE: null, INCOMPLETE: "Some images are missing" } as const;

export function StudyList({ studies }: { studies: StudySummary[] }) {
  if (studies.length === 0) return <p>You have no studies in Carrier yet.</p>;
  return (
    <ul className="flex max-w-3xl flex-col gap-3">
      {studies.map((study) => (
        <li key={study.id} className="rounded-xl border border-line bg-surface p-4 sm:p-5">
          <h3 className="text-lg font-semibold">{study.description ?? "Study without a description"}</h3>
          <p className="text-ink-muted">
            {[study.studyDate ? date.format(study.studyDate) : "Date not recorded", study.modalities.join(", ") || null, study.institutionName].filter(Boolean).join(" · ")}
          </p>
          <p className="text-ink-muted">
            {study.numberOfSeries} series, {study.numberOfInstances} images, {size(study.totalBytes)}
            {STATUS[study.status] ? ` · ${STATUS[study.status]}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}
