import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { StudyViewer } from "@/components/viewer/study-viewer";
import { requireActor } from "@/lib/auth";

export const metadata: Metadata = { title: "Images" };

// A DICOM UID: numbers separated by dots, at most 64 characters (PS3.5 9.1).
const UID = /^[0-9]+(\.[0-9]+)*$/;

export default async function ViewerPage({ params }: PageProps<"/viewer/[studyUid]">) {
  const { studyUid } = await params;
  await requireActor(`/viewer/${studyUid}`);
  if (studyUid.length > 64 || !UID.test(studyUid)) notFound();
  // What the user may see is decided by the DICOMweb server the viewer reads, for every request.
  return (
    <div className="space-y-6">
      <PageHeading title="Your images" />
      <StudyViewer dicomWebRoot="/api/dicomweb" studyInstanceUid={studyUid} />
    </div>
  );
}
