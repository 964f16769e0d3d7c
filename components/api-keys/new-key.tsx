"use client";

import { useEffect, useRef, useState } from "react";
import type { NewApiKey } from "@/app/(admin)/admin/api-keys/actions";
import { Button } from "@/components/ui/button";
import { scopesText } from "./scope-labels";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium" });

// The one time a key is shown. Focus moves here when it appears, so nobody misses it; the copy
// button says what happened, and selecting the box by hand works where copying is not allowed.
export function NewKey({ issued }: { issued: NewApiKey }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copyMessage, setCopyMessage] = useState("");
  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.key);
      setCopyMessage("Copied. Paste it into the system’s settings now.");
    } catch {
      setCopyMessage("This browser did not let Carrier copy the key. Select it in the box and copy it yourself.");
    }
  }

  return (
    <section aria-labelledby="new-key-heading" className="flex max-w-3xl flex-col gap-4 rounded-xl border-2 border-brand bg-surface p-4 sm:p-5">
      <h3 id="new-key-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold break-words">
        Copy the key for {issued.name} now
      </h3>
      <p>
        <strong>It will not be shown again.</strong> Carrier keeps only a fingerprint of the key, so nobody can look it up later. If it is lost, revoke it and issue a new one.
      </p>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="new-key" className="font-semibold">
          API key for {issued.name}
        </label>
        <textarea
          id="new-key"
          readOnly
          rows={3}
          value={issued.key}
          onFocus={(event) => event.currentTarget.select()}
          className="w-full max-w-xl resize-none rounded-lg border-2 border-line-strong bg-canvas px-3 py-2 font-mono break-all text-ink"
        />
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button onClick={() => void copy()}>Copy key</Button>
        <p role="status" className="font-medium text-brand-strong">
          {copyMessage}
        </p>
      </div>
      <p className="text-ink-muted">
        For {issued.organizationName}: {scopesText(issued.scopes)}. {issued.expiresAt ? `Works until ${day.format(new Date(issued.expiresAt))}.` : "Does not expire."} Set it up in the
        system as described under “Connecting a system”.
      </p>
    </section>
  );
}
