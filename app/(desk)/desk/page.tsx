import type { Metadata } from "next";
import { CheckList } from "@/components/ui/check-list";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = {
  title: "Front desk",
  description: "For radiology front desk staff helping patients in person.",
};

const deskTasks = [
  "Find a patient, or register a new one",
  "Record a release the patient signs with you in person",
  "Publish studies to a patient and print a claim slip with an access code",
  "Send studies to a hospital or clinic on the patient's behalf",
] as const;

export default function DeskPage() {
  return (
    <div className="space-y-10">
      <PageHeading
        title="Front desk"
        lead="For radiology staff who help patients in person: getting images to patients, and sending them where patients ask."
      />
      <Notice title="Staff sign-in is needed to use the front desk">
        <p>Sign-in is not open yet.</p>
      </Notice>
      <section aria-labelledby="desk-tasks" className="space-y-4">
        <h2 id="desk-tasks" className="text-2xl font-semibold tracking-tight">
          What you can do here
        </h2>
        <CheckList items={deskTasks} />
      </section>
    </div>
  );
}
