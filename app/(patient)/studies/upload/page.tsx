import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { UploadFlow } from "@/components/upload/upload-flow";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { uploadContext } from "@/lib/ingest/batch";
import { addExpected, finishUpload, startUpload } from "./actions";

export const metadata: Metadata = {
  title: "Add images",
  description: "Add your medical images to Carrier from a CD, a folder or a zip file.",
};

export default async function UploadPage() {
  const actor = await requireActor("/studies/upload");
  if (actor.role !== "PATIENT" || !actor.patientId) {
    return (
      <div className="space-y-8">
        <PageHeading title="Add images" />
        <Notice title="This page is for patients">
          <p>
            Front desk staff add images for a patient from <Link href="/desk">the patient&apos;s page at the front desk</Link>.
          </p>
        </Notice>
      </div>
    );
  }
  const context = await uploadContext(db(), actor, actor.patientId);
  const unfinished = context.unfinished ? { ...context.unfinished, startedAt: context.unfinished.startedAt.toISOString() } : null;
  return (
    <div className="space-y-10">
      <PageHeading
        title="Add images"
        lead="Put in the CD from your hospital, or find the folder or zip file with your images. We look at the files here on your device first and show you what we found."
      />
      <UploadFlow patientId={actor.patientId} holder={context.holder} unfinished={unfinished} actions={{ startUpload, addExpected, finishUpload }} />
    </div>
  );
}
