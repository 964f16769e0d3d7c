"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes, formatDate, formatDicomDate, formatPersonName } from "@/components/format";
import type { AccountHolder } from "./scan/patient-match";
import { patientMismatches } from "./scan/patient-match";
import type { ScanResult } from "./scan/scan";
import { StudiesFound } from "./studies-found";
import type { Deidentification } from "./deidentify/plan";

// What was found, what will be skipped and why, and a check when the images look like someone
// else's; then the patient sends, or picks again.

const WARNING = "rounded-xl border-2 border-danger bg-danger-soft p-4";

// Modalities whose images often carry names written into the pixels, which no header change removes.
const BURNED_IN_PRONE = new Set(["US", "SC", "OT", "XC", "ES", "DOC", "GM", "SM"]);

export function ScanReview({
  scan,
  holder,
  audience,
  onSend,
  onRepick,
}: {
  scan: ScanResult;
  holder: AccountHolder;
  audience: { holderIs: string; confirm: string };
  onSend: (deidentification: Deidentification | null) => void;
  onRepick: () => void;
}) {
  const mismatches = patientMismatches(scan.studies, holder);
  const [confirmed, setConfirmed] = useState(false);
  const [deidentifying, setDeidentifying] = useState(false);
  const [keepDates, setKeepDates] = useState(true);
  const confirmId = useId();
  const zips = scan.sendables.filter((item) => item.kind === "zip");
  const burnedIn = scan.studies.some((study) => study.modalities.some((modality) => BURNED_IN_PRONE.has(modality)));
  const bytes = scan.sendables.reduce((sum, item) => sum + item.file.size, 0);
  const images = scan.expected.length;
  // De-identified images carry no name, so whose they are needs no confirming; zips are unpacked only on the server.
  const blocked = (mismatches.length > 0 && !confirmed && !deidentifying) || (deidentifying && zips.length > 0);

  return (
    <div className="space-y-6">
      {scan.studies.length > 0 ? (
        <p className="text-lg">
          We found {scan.studies.length} stud{scan.studies.length === 1 ? "y" : "ies"} with {images} image{images === 1 ? "" : "s"}.
        </p>
      ) : scan.sendables.length > 0 ? (
        <p className="text-lg">We could not look inside the zip file here; Carrier will check it after it is sent.</p>
      ) : (
        <p className="text-lg">We found no medical images in what you chose. Medical images are DICOM files, often in a folder called DICOM on the CD.</p>
      )}

      {mismatches.length > 0 ? (
        <div className={WARNING}>
          <h3 className="font-semibold text-ink">Some images seem to belong to someone else</h3>
          <p className="mt-1">
            {audience.holderIs} {holder.givenName} {holder.familyName}, born {formatDate(new Date(`${holder.birthDate}T00:00:00Z`))}. These images say:
          </p>
          <ul className="mt-2 list-disc pl-6">
            {mismatches.map(({ study, name, birthDate }) => (
              <li key={study.studyInstanceUid}>
                {study.description || "A study"}: {name ? `name ${formatPersonName(study.patientName)}` : null}
                {name && birthDate ? ", " : null}
                {birthDate ? `born ${formatDicomDate(study.patientBirthDate)}` : null}
              </li>
            ))}
          </ul>
          <p className="mt-3 flex items-start gap-3">
            <input id={confirmId} type="checkbox" className="mt-1 size-5 shrink-0" checked={confirmed} onChange={(event) => setConfirmed(event.currentTarget.checked)} />
            <label htmlFor={confirmId}>{audience.confirm}</label>
          </p>
        </div>
      ) : null}

      {scan.studies.length > 0 ? <StudiesFound studies={scan.studies} /> : null}

      {scan.sendables.length > 0 ? (
        <fieldset className="space-y-3 rounded-xl border border-line bg-surface p-4">
          <legend className="px-1 font-semibold">Remove your name from the images?</legend>
          <p className="text-ink-muted">For research, or a second opinion from someone who should not see who you are. Carrier still knows the images are yours.</p>
          <p className="flex items-start gap-3">
            <input id={`${confirmId}-deid`} type="checkbox" className="mt-1 size-5 shrink-0" checked={deidentifying} onChange={(event) => setDeidentifying(event.currentTarget.checked)} />
            <label htmlFor={`${confirmId}-deid`}>Remove my name, birth date, ID numbers and the names of hospitals and doctors from the images before they are sent</label>
          </p>
          {deidentifying ? (
            <>
              <p className="flex items-start gap-3 pl-8">
                <input id={`${confirmId}-dates`} type="checkbox" className="mt-1 size-5 shrink-0" checked={keepDates} onChange={(event) => setKeepDates(event.currentTarget.checked)} />
                <label htmlFor={`${confirmId}-dates`}>Keep the dates of the scans (a doctor comparing scans needs them)</label>
              </p>
              {burnedIn ? (
                <p className="pl-8 font-semibold">Some of these images (ultrasound, scanned documents or photos) may have your name written into the picture itself. That cannot be removed here: check them before you share them.</p>
              ) : null}
              {zips.length > 0 ? (
                <p role="alert" className="pl-8 font-semibold text-danger">Names cannot be removed from images inside a zip file here. Unzip it on your device and choose the folder instead.</p>
              ) : null}
            </>
          ) : null}
        </fieldset>
      ) : null}

      {scan.missing.length > 0 ? (
        <div className={WARNING}>
          <h3 className="font-semibold text-ink">Some files listed on the CD are not here</h3>
          <p className="mt-1">The CD&apos;s index (DICOMDIR) lists {scan.missing.length} file{scan.missing.length === 1 ? "" : "s"} that we could not find. If you chose a folder inside the CD, choose the whole CD instead. The rest can still be sent.</p>
          <details className="mt-2">
            <summary className="cursor-pointer font-semibold">Show the missing files</summary>
            <ul className="mt-2 list-disc pl-6 break-all">
              {scan.missing.slice(0, 200).map((path) => <li key={path}>{path}</li>)}
            </ul>
          </details>
        </div>
      ) : null}

      {scan.skipped.length > 0 ? (
        <details className="rounded-xl border border-line bg-surface p-4">
          <summary className="cursor-pointer font-semibold">
            {scan.skipped.length} file{scan.skipped.length === 1 ? "" : "s"} will not be sent
          </summary>
          <p className="mt-2 text-ink-muted">CDs also carry viewer programs and other files that are not images. These are left out:</p>
          <ul className="mt-2 space-y-1 break-all">
            {scan.skipped.slice(0, 500).map((item) => (
              <li key={item.path}>
                <span className="font-semibold">{item.path}</span>: {item.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      <div className="flex flex-col gap-3 sm:flex-row">
        {scan.sendables.length > 0 ? (
          <Button onClick={() => onSend(deidentifying ? { keepDates } : null)} disabled={blocked} aria-describedby={blocked ? confirmId : undefined}>
            Send {scan.sendables.length} file{scan.sendables.length === 1 ? "" : "s"} ({formatBytes(bytes)})
          </Button>
        ) : null}
        <Button variant="secondary" onClick={onRepick}>
          Choose other files
        </Button>
      </div>
    </div>
  );
}
