import { CheckList } from "@/components/ui/check-list";

// "What you can do here": the list each area's landing page shows to people who cannot use it yet.
export function AreaTasks({ id, tasks }: { id: string; tasks: readonly string[] }) {
  return (
    <section aria-labelledby={id} className="space-y-4">
      <h2 id={id} className="text-2xl font-semibold tracking-tight">
        What you can do here
      </h2>
      <CheckList items={tasks} />
    </section>
  );
}
