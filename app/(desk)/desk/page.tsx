import type { Metadata } from "next";
import Link from "next/link";
import { AreaTasks } from "@/components/shell/area-tasks";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { searchPatients } from "@/lib/patients/search";

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

const birth = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

export default async function DeskPage({ searchParams }: PageProps<"/desk">) {
  const actor = await currentActor();
  const lead = "For radiology staff who help patients in person: getting images to patients, and sending them where patients ask.";
  if (actor?.role !== "FRONT_DESK") {
    return (
      <div className="space-y-10">
        <PageHeading title="Front desk" lead={lead} />
        <Notice title={actor ? "This area is for front desk staff" : "Staff sign-in is needed to use the front desk"}>
          {actor ? null : (
            <p>
              <Link href="/sign-in/staff">Sign in with your work email and password</Link>.
            </p>
          )}
        </Notice>
        <AreaTasks id="desk-tasks" tasks={deskTasks} />
      </div>
    );
  }
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 100) : "";
  const patients = query.trim() ? await searchPatients(db(), actor, query) : null;
  return (
    <div className="space-y-8">
      <PageHeading title="Front desk" lead="Find a patient of your organization by name or record number." />
      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="q" className="font-semibold">Patient name or record number</label>
          <input id="q" name="q" type="search" defaultValue={query} className="min-h-12 w-72 max-w-full rounded-lg border-2 border-line-strong bg-surface px-3" />
        </div>
        <button type="submit" className="min-h-12 rounded-lg bg-brand px-5 font-semibold text-white hover:bg-brand-strong">Search</button>
      </form>
      {patients ? (
        <section aria-labelledby="results-heading" className="space-y-3">
          <h2 id="results-heading" className="text-2xl font-semibold">{patients.length === 0 ? "No patients found" : `${patients.length} patient${patients.length === 1 ? "" : "s"} found`}</h2>
          <ul className="flex max-w-2xl flex-col gap-2">
            {patients.map((patient) => (
              <li key={patient.id} className="rounded-lg border border-line bg-surface p-4">
                <Link href={`/desk/patients/${patient.id}`} className="font-semibold">
                  {patient.familyName}, {patient.givenName}
                </Link>
                <p className="text-ink-muted">Born {birth.format(patient.birthDate)} · Record {patient.identifiers.join(", ")}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
