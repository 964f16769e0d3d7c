import { formatDate } from "@/components/format";
import type { StudySummary } from "@/lib/studies/list";

/** A study as a consent form lists it: what, when, which kind. */
export function studyChoices(studies: readonly StudySummary[]) {
  return studies.map((study) => ({
    id: study.id,
    label: [study.description ?? "Study without a description", study.studyDate ? formatDate(study.studyDate) : "date not recorded", study.modalities.join(", ") || null].filter(Boolean).join(", "),
  }));
}
