import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ShareSessionEnded } from "@/components/shares/share-session-ended";
import { PageHeading } from "@/components/ui/page-heading";
import { StudyViewer } from "@/components/viewer/study-viewer";
import { isDicomUid } from "@/lib/dicom/uid";
import { firstLook, firstPicture } from "@/lib/dicomweb/first-look";
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
  const look = firstLook(recipient, mount, studyUid);
  // The opening image's address is a quick query: the page waits for it, so the browser fetches the
  // picture as soon as it reads the page.
  const picture = await firstPicture(look, recipient, mount, studyUid);
  return (
    <div className="space-y-6">
      <PageHeading title="Shared images" />
      <StudyViewer dicomWebRoot={mount} studyInstanceUid={studyUid} firstLook={look} firstPicture={picture} />
    </div>
  );
}
