import type { Metadata } from "next";
import { addExpected, finishUpload, startUpload } from "@/app/(patient)/studies/upload/actions";
import { PageHeading } from "@/components/ui/page-heading";
import { UploadFlow } from "@/components/upload/upload-flow";
import { requireActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { uploadContext } from "@/lib/ingest/batch";
import { orNotFound } from "@/lib/or-not-found";

export const metadata: Metadata = { title: "Add images for a patient" };

export default async function DeskUploadPage({ params }: PageProps<"/desk/patients/[patientId]/upload">) {
  const { patientId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}/upload`);
  const context = await orNotFound(uploadContext(db(), actor, patientId));
  const { holder } = context;
  const unfinished = context.unfinished ? { ...context.unfinished, startedAt: context.unfinished.startedAt.toISOString() } : null;
  return (
    <div className="space-y-10">
      <PageHeading
        title={`Add images for ${holder.givenName} ${holder.familyName}`}
        lead="Put the patient's CD in this computer, or choose the folder or zip file with the images. The files are checked here first; nothing is sent until you confirm."
      />
      <UploadFlow
        patientId={patientId}
        holder={holder}
        unfinished={unfinished}
        actions={{ startUpload, addExpected, finishUpload }}
        audience={{ holderIs: "This patient is", confirm: "I checked with the patient: these images are theirs (a name can be spelled differently at another hospital).", doneHref: `/desk/patients/${patientId}`, doneLabel: "Back to the patient's studies" }}
      />
    </div>
  );
}
