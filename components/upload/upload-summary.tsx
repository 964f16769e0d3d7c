import Link from "next/link";
import type { QueueSnapshot } from "./send/upload-queue";

// What became of the upload: images added, already held, and each file that was not taken, why.

export function UploadSummary({ snapshot, incompleteStudies, doneHref, doneLabel }: { snapshot: QueueSnapshot; incompleteStudies: number; doneHref: string; doneLabel: string }) {
  const outcomes = snapshot.files.flatMap((file) => file.outcomes);
  const count = (outcome: string) => outcomes.filter((item) => item.outcome === outcome).length;
  const stored = count("STORED");
  const duplicates = count("DUPLICATE");
  const problems = outcomes.filter((item) => item.outcome === "REJECTED" || item.outcome === "CONFLICT");
  const notSent = snapshot.files.filter((file) => file.state === "failed");

  return (
    <div className="space-y-5">
      <ul className="space-y-1 text-lg">
        <li>
          {stored} image{stored === 1 ? "" : "s"} added to your account.
        </li>
        {duplicates > 0 ? <li>{duplicates} were already in your account, so nothing changed for them.</li> : null}
        {incompleteStudies > 0 ? (
          <li>
            {incompleteStudies} stud{incompleteStudies === 1 ? "y is" : "ies are"} missing some images; the study page lists which.
          </li>
        ) : null}
      </ul>

      {problems.length > 0 || notSent.length > 0 ? (
        <div className="rounded-xl border-2 border-danger bg-danger-soft p-4">
          <h3 className="font-semibold">
            {problems.length + notSent.length} file{problems.length + notSent.length === 1 ? " was" : "s were"} not added
          </h3>
          <ul className="mt-2 space-y-2 break-all">
            {problems.slice(0, 500).map((item) => (
              <li key={`${item.name}|${item.entryName}`}>
                <span className="font-semibold">{item.name}</span>: {item.message}
              </li>
            ))}
            {notSent.map((file) => (
              <li key={file.path}>
                <span className="font-semibold">{file.path}</span>: {file.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <p>
        <Link href={doneHref} className="font-semibold">
          {doneLabel}
        </Link>
      </p>
    </div>
  );
}
