import type { Metadata } from "next";
import { ShareCheckForm } from "@/components/shares/share-check-form";
import { ShareEnded } from "@/components/shares/share-ended";
import { PageHeading } from "@/components/ui/page-heading";
import { db } from "@/lib/db";
import { shareLanding } from "@/lib/shares/open";

// Where a share link lands. Until its check is passed the page says nothing about the patient or
// the images: only that images were shared, with whom, and the patient's own message.

export const metadata: Metadata = { title: "Shared images", robots: { index: false, follow: false } };

const UNTIL = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZoneName: "short" });

export default async function ShareLandingPage({ params }: PageProps<"/s/[token]">) {
  const { token } = await params;
  const landing = await shareLanding(db(), token);
  if (landing.state === "ended") return <ShareEnded />;
  if (landing.state === "locked") {
    return <PageHeading title="This link is locked for now" lead={`Too many wrong answers were entered. Try again after ${UNTIL.format(landing.until)}. The person who shared it has been told.`} />;
  }
  return (
    <div className="space-y-8">
      <PageHeading title="Medical images shared with you" lead={`A patient shared their images with ${landing.recipientName} through Carrier.`} />
      {landing.message ? (
        <figure className="max-w-2xl space-y-1 rounded-lg border-2 border-line p-4">
          <figcaption className="font-semibold">Their message</figcaption>
          <blockquote className="whitespace-pre-line">{landing.message}</blockquote>
        </figure>
      ) : null}
      <ShareCheckForm token={token} check={landing.check} />
    </div>
  );
}
