import type { Metadata } from "next";
import Link from "next/link";
import { formatBytes, formatDate } from "@/components/format";
import { ShareSessionEnded } from "@/components/shares/share-session-ended";
import { PageHeading } from "@/components/ui/page-heading";
import { db } from "@/lib/db";
import { currentShareRecipient } from "@/lib/shares/current";
import { sharedStudies } from "@/lib/shares/shared-studies";

// The share session's overview: the studies the patient shared, each to view and, when the
// patient allowed it, to download.

export const metadata: Metadata = { title: "Shared images", robots: { index: false, follow: false } };

export default async function SharedStudiesPage() {
  const recipient = await currentShareRecipient();
  if (!recipient) return <ShareSessionEnded />;
  const studies = await sharedStudies(db(), recipient);
  return (
    <div className="space-y-8">
      <PageHeading title="Shared images" lead={`Shared with ${recipient.displayName}. Your access is recorded and shown to the patient.`} />
      <ul className="space-y-4" aria-label="Shared studies">
        {studies.map((study) => (
          <li key={study.id} className="space-y-2 rounded-lg border-2 border-line bg-surface p-4">
            <h2 className="text-xl font-semibold">{study.description ?? "Study without a description"}</h2>
            <p>
              {study.studyDate ? formatDate(study.studyDate) : "Date not recorded"} · {study.modalities.join(", ") || "Kind not recorded"} · {study.numberOfSeries} series, {study.numberOfInstances} images,{" "}
              {formatBytes(study.totalBytes)}
            </p>
            <p>
              <Link href={`/s/view/${study.studyInstanceUid}`}>View the images of {study.description ?? "this study"}</Link>
            </p>
            {recipient.allowDownload ? (
              <p>
                {/* A plain link, not next/link: prefetching it would start a download. */}
                <a href={`/api/share/studies/${study.id}/download`} download>
                  Download {study.description ?? "this study"} (zip, {formatBytes(study.totalBytes)})
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
