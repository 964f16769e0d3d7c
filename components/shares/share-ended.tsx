import { PageHeading } from "@/components/ui/page-heading";

// What an ended link shows: never anything about the patient, only what to do next.
export function ShareEnded() {
  return (
    <div className="space-y-4">
      <PageHeading title="This link has ended" lead="The link has expired, or the person who shared it turned it off." />
      <p className="max-w-2xl">Ask the person who sent you the link to share the images again. They can make a new link in Carrier in a minute.</p>
    </div>
  );
}
