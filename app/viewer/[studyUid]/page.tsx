import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { StudyViewer } from "@/components/viewer/study-viewer";
import { requireActor } from "@/lib/auth";

export const metadata: Metadata = { title: "Images" };

// A DICOM UID: numbers separated by dots, at most 64 characters (PS3.5 9.1).
const UID = /^[0-9]+(\.[0-9]+)*$/;

const isUid = (value: unknown): value is string => typeof value === "string" && value.length <= 64 && UID.test(value);

export default async function ViewerPage({ params, searchParams }: PageProps<"/viewer/[studyUid]">) {
  const { studyUid } = await params;
  // ?series= opens that series first (links to one series, tests of one image).
  const { series } = await searchParams;
  await requireActor(`/viewer/${studyUid}${isUid(series) ? `?series=${series}` : ""}`);
  if (!isUid(studyUid)) notFound();
  // What the user may see is decided by the DICOMweb server the viewer reads, for every request.
  return (
    <div className="space-y-6">
      <PageHeading title="Your images" />
      <StudyViewer dicomWebRoot="/api/dicomweb" studyInstanceUid={studyUid} seriesInstanceUid={isUid(series) ? series : undefined} />
    </div>
  );
}
