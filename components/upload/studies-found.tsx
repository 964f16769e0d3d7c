import { formatBytes, formatDicomDate, formatPersonName } from "@/components/format";
import type { StudyFound } from "./scan/scan";

// The studies found in the picked files, before anything is sent.
export function StudiesFound({ studies }: { studies: readonly StudyFound[] }) {
  return (
    <ul className="space-y-3" aria-label="Studies found">
      {studies.map((study) => (
        <li key={study.studyInstanceUid} className="rounded-xl border border-line bg-surface p-4">
          <p className="font-semibold text-ink">
            {study.description || "Study without a description"}
            {study.modalities.length > 0 ? <span className="font-normal text-ink-muted"> ({study.modalities.join(", ")})</span> : null}
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-ink-muted">
            <dt>Patient</dt>
            <dd>{formatPersonName(study.patientName)}</dd>
            <dt>Date</dt>
            <dd>{formatDicomDate(study.studyDate)}</dd>
            <dt>Contents</dt>
            <dd>
              {study.seriesCount} series, {study.instanceCount} image{study.instanceCount === 1 ? "" : "s"}, {formatBytes(study.bytes)}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
