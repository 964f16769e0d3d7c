"use client";

import { useEffect, useRef } from "react";
import type { ShareFormState } from "@/app/(patient)/shares/actions";
import { CopyField } from "@/components/ui/copy-field";

const LONG_DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

// The one time the link and the PIN are shown: Carrier keeps neither. Focus moves here so nobody misses it.
export function ShareCreated({ created }: { created: NonNullable<ShareFormState["created"]> }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const lastDay = LONG_DATE.format(new Date(new Date(created.expiresAt).getTime() - 1));
  return (
    <section aria-labelledby="share-created-heading" className="flex max-w-2xl flex-col gap-5 rounded-xl border-2 border-brand bg-surface p-4 sm:p-5">
      <h2 id="share-created-heading" ref={heading} tabIndex={-1} className="text-2xl font-semibold outline-none">
        The link for {created.recipientName} is ready
      </h2>
      <p>
        {created.emailed ? `We emailed the link to ${created.recipientName}.` : `We could not email the link just now. Copy it below and send it to ${created.recipientName} yourself.`} It works
        through {lastDay}.
      </p>
      {created.pin ? (
        <div className="flex flex-col gap-1 rounded-lg bg-brand-soft p-4">
          <p className="font-semibold">The PIN</p>
          <p className="font-mono text-3xl tracking-widest" aria-label={`PIN: ${created.pin.split("").join(" ")}`}>
            {created.pin}
          </p>
          <p>
            Send the PIN to {created.recipientName} by text or phone, not by email. <strong>It is shown only now.</strong>
          </p>
        </div>
      ) : (
        <p>The doctor opens the link with your date of birth.</p>
      )}
      <CopyField id="share-link" label="The link" value={created.url} buttonLabel="Copy the link" />
      <figure className="flex flex-col gap-2">
        {/* The SVG is made on our server by the qrcode package from the link above: no outside markup. */}
        <div className="size-48 bg-white p-2" role="img" aria-label="QR code of the link" dangerouslySetInnerHTML={{ __html: created.qrSvg }} />
        <figcaption className="text-ink-muted">A phone camera opens the link from this code.</figcaption>
      </figure>
      <p>
        <a href="/shares">See all your shared links</a>
      </p>
    </section>
  );
}
