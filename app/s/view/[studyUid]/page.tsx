import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ShareSessionEnded } from "@/components/shares/share-session-ended";
import { PageHeading } from "@/components/ui/page-heading";
import { StudyViewer } from "@/components/viewer/study-viewer";
import { isDicomUid } from "@/lib/dicom/uid";
import { firstLook } from "@/lib/dicomweb/first-look";
import { DICOMWEB_MOUNTS } from "@/lib/dicomweb/mounts";
import { currentShareRecipient } from "@/lib/shares/current";

// The viewer inside a share session: the same viewer, reading the share session's DICOMweb, which
// reaches only the shared studies.

export const metadata: Metadata = { title: "Shared images", robots: { index: false, follow: false } };

export default async function SharedViewerPage({ params }: PageProps<"/s/view/[studyUid]">) {
  const { studyUid } = await params;
  const recipient = await currentShareRecipient();
  if (!recipient) return <ShareSessionEnded />;
  if (!isDicomUid(studyUid)) notFound();
  const mount = DICOMWEB_MOUNTS.share;
  return (
    <div className="space-y-6">
      <PageHeading title="Shared images" />
      <StudyViewer dicomWebRoot={mount} studyInstanceUid={studyUid} firstLook={firstLook(recipient, mount, studyUid)} />
    </div>
  );
}
