import Link from "next/link";
import { formatBytes, formatDate } from "@/components/format";
import type { StudySummary } from "@/lib/studies/list";

export const STUDY_STATUS = { RECEIVING: "Still arriving", COMPLETE: null, INCOMPLETE: "Some images are missing" } as const;

export function StudyList({ studies }: { studies: StudySummary[] }) {
  if (studies.length === 0) return <p>You have no studies in Carrier yet.</p>;
  return (
    <ul className="flex max-w-3xl flex-col gap-3">
      {studies.map((study) => (
        <li key={study.id} className="rounded-xl border border-line bg-surface p-4 sm:p-5">
          <h3 className="text-lg font-semibold">
            <Link href={`/studies/${study.id}`}>{study.description ?? "Study without a description"}</Link>
          </h3>
          <p className="text-ink-muted">
            {[study.studyDate ? formatDate(study.studyDate) : "Date not recorded", study.modalities.join(", ") || null, study.institutionName].filter(Boolean).join(" · ")}
          </p>
          <p className="text-ink-muted">
            {study.numberOfSeries} series, {study.numberOfInstances} images, {formatBytes(study.totalBytes)}
            {STUDY_STATUS[study.status] ? ` · ${STUDY_STATUS[study.status]}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}
