import type { Metadata } from "next";
import { CheckList } from "@/components/ui/check-list";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";

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

export default function StudiesPage() {
  return (
    <div className="space-y-10">
      <PageHeading
        title="My studies"
        lead="A study is one set of images from a visit, like a CT scan or an X-ray. This is where yours will be."
      />
      <Notice title="Sign in to see your studies">
        <p>Signing in keeps your images private to you. Sign-in is not open yet.</p>
      </Notice>
      <section aria-labelledby="patient-tasks" className="space-y-4">
        <h2 id="patient-tasks" className="text-2xl font-semibold tracking-tight">
          What you can do here
        </h2>
        <CheckList items={patientTasks} />
      </section>
    </div>
  );
}
