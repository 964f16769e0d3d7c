import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { StudyViewer } from "@/components/viewer/study-viewer";
import { requireActor } from "@/lib/auth";
import { firstLook, firstPicture } from "@/lib/dicomweb/first-look";
import { DICOMWEB_MOUNTS } from "@/lib/dicomweb/mounts";

export const metadata: Metadata = { title: "Images" };

// A DICOM UID as files carry it: numbers separated by dots, at most 64 characters (PS3.5 9.1;
// leading zeros, which the standard forbids, are tolerated for images made before anyone checked).
const UID = /^[0-9]+(\.[0-9]+)*$/;

const isUid = (value: unknown): value is string => typeof value === "string" && value.length <= 64 && UID.test(value);

export default async function ViewerPage({ params, searchParams }: PageProps<"/viewer/[studyUid]">) {
  const { studyUid } = await params;
  // ?series= opens that series first (links to one series, tests of one image).
  const { series } = await searchParams;
  const wanted = isUid(series) ? series : undefined;
  const actor = await requireActor(`/viewer/${studyUid}${wanted ? `?series=${wanted}` : ""}`);
  if (!isUid(studyUid)) notFound();
  // What the user may see is decided by the DICOMweb server the viewer reads, for every request
  // (the first of them asked by this page on the browser's behalf).
  const mount = DICOMWEB_MOUNTS.user;
  const look = firstLook(actor, mount, studyUid, wanted);
  // The opening image's address is a quick query: the page waits for it, so the browser fetches the
  // picture as soon as it reads the page.
  const picture = await firstPicture(look, actor, mount, studyUid, wanted);
  return (
    <div className="space-y-6">
      <PageHeading title={actor.role === "PATIENT" ? "Your images" : "Images"} />
      <StudyViewer dicomWebRoot={mount} studyInstanceUid={studyUid} seriesInstanceUid={wanted} firstLook={look} firstPicture={picture} />
    </div>
  );
}
