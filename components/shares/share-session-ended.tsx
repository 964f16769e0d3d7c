import { PageHeading } from "@/components/ui/page-heading";

// A share session that is over (half an hour passed, or the link was turned off).
export function ShareSessionEnded() {
  return (
    <div className="space-y-4">
      <PageHeading title="Your access has ended" lead="Access through a shared link lasts half an hour at a time, and ends when the person who shared it turns the link off." />
      <p className="max-w-2xl">Open the link from your email again and enter the PIN. If the link has ended, ask the person who shared it for a new one.</p>
    </div>
  );
}
