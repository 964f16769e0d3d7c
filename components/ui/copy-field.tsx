"use client";

import { useState } from "react";
import { Button } from "./button";

// A value to copy (a link, a key): in a read-only box that selects itself, with a button that
// copies it and says what happened, and the box to copy by hand where the browser will not.
export function CopyField({ id, label, value, buttonLabel }: { id: string; label: string; value: string; buttonLabel: string }) {
  const [message, setMessage] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setMessage("Copied.");
    } catch {
      setMessage("This browser did not let Carrier copy it. Select the text in the box and copy it yourself.");
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} className="min-h-12 w-full max-w-xl rounded-lg border-2 border-line-strong bg-canvas px-3 font-mono text-ink" />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button variant="secondary" onClick={() => void copy()}>
          {buttonLabel}
        </Button>
        <p role="status" className="font-medium text-brand-strong">
          {message}
        </p>
      </div>
    </div>
  );
}
