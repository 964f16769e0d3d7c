import { formatDicomDate, formatPersonName } from "@/components/format";
import type { StudyFacts } from "./dicomweb/study-catalog";
import type { ViewSettings } from "./cornerstone/view-actions";

// The text in the image's corners, as radiology viewers show it: who and when (top left), which
// series and image (top right), window and level (bottom left), zoom (bottom right). Light text on a
// dark band, so it reads on any image.

const CORNER = "absolute max-w-[48%] rounded bg-black/75 px-2 py-1 text-sm leading-snug text-white";

export function ImageOverlay({ study, series, position, view }: { study: StudyFacts; series: string; position: string; view: ViewSettings }) {
  return (
    <div className="pointer-events-none absolute inset-0 select-none" data-testid="image-overlay">
      <div className={`${CORNER} top-2 left-2`}>
        <p className="font-semibold">{study.patientName ? formatPersonName(study.patientName) : "Name not given"}</p>
        <p>{study.studyDate ? formatDicomDate(study.studyDate) : "Date not given"}</p>
        {study.studyDescription ? <p>{study.studyDescription}</p> : null}
      </div>
      <div className={`${CORNER} top-2 right-2 text-right`}>
        <p>{series}</p>
        <p className="font-semibold">{position}</p>
      </div>
      {view.voi && Number.isFinite(view.voi.width) && Number.isFinite(view.voi.center) ? (
        <p className={`${CORNER} bottom-2 left-2`}>
          Window {Math.round(view.voi.width)} / Level {Math.round(view.voi.center)}
        </p>
      ) : null}
      {Number.isFinite(view.zoom) ? <p className={`${CORNER} right-2 bottom-2`}>Zoom {Math.round(view.zoom * 100)}%</p> : null}
    </div>
  );
}
