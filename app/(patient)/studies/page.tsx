import type { Metadata } from "next";
import Link from "next/link";
import { StudyList } from "@/components/studies/study-list";
import { ButtonLink } from "@/components/ui/button-link";
import { AreaTasks } from "@/components/shell/area-tasks";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { listStudies } from "@/lib/studies/list";

export const metadata: Metadata = {
  title: "My studies",
  description: "Your medical images in Carrier, who may see them, and every time they were opened or sent.",
};

const patientTasks = [
  "Add images from a CD, a folder, or a zip file",
  "Type in a code from your hospital to get the images it released to you",
  "Sign a release that says who may see your images",
  "Send your images to a hospital or clinic, or share a link with a doctor",
  "See every time your images were opened or sent",
] as const;

const LEAD = "A study is one set of images from a visit, like a CT scan or an X-ray.";

export default async function StudiesPage() {
  const actor = await currentActor();
  if (actor?.role === "PATIENT" && actor.patientId) {
    const studies = await listStudies(db(), actor, actor.patientId);
    return (
      <div className="space-y-10">
        <PageHeading title="My studies" lead={LEAD} />
        <ButtonLink href="/studies/upload">Add images from a CD, folder or zip</ButtonLink>
        <section aria-labelledby="studies-heading" className="space-y-4">
          <h2 id="studies-heading" className="text-2xl font-semibold tracking-tight">Your studies</h2>
          <StudyList studies={studies} />
        </section>
        <ul className="space-y-2">
          <li>
            <Link href="/shares">Links you shared with doctors</Link>
          </li>
          <li>
            <Link href="/consents">Your permissions to share your images</Link>
          </li>
          <li>
            <Link href="/disclosures">See who opened or received your images</Link>
          </li>
        </ul>
      </div>
    );
  }
  return (
    <div className="space-y-10">
      <PageHeading title="My studies" lead={`${LEAD} This is where yours are.`} />
      {actor ? (
        <Notice title="This area is for patients">
          <p>You are signed in with a staff or clinician account.</p>
        </Notice>
      ) : (
        <Notice title="Sign in to see your studies">
          <p>
            Signing in keeps your images private to you. <Link href="/sign-in">Sign in with your email address</Link>.
          </p>
        </Notice>
      )}
      <AreaTasks id="patient-tasks" tasks={patientTasks} />
    </div>
  );
}
