"use client";

import { useEffect, useRef, useState } from "react";
import SignaturePad from "signature_pad";
import { Button } from "@/components/ui/button";

// A box to sign in with a finger, pen or mouse (signature_pad). What is drawn goes into a hidden
// field as a PNG; an empty box sends nothing, and the server checks for ink again. People who
// cannot draw sign by typing their name instead (the patient form offers that beside this).

export function SignatureBox({ name, label, hint, error }: { name: string; label: string; hint: string; error?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [image, setImage] = useState("");

  useEffect(() => {
    const element = canvas.current;
    if (!element || pad.current) return;
    const signature = new SignaturePad(element, { penColor: "#1a2b32", minWidth: 1, maxWidth: 2.75 });
    signature.addEventListener("endStroke", () => setImage(signature.isEmpty() ? "" : signature.toDataURL("image/png")));
    pad.current = signature;
    // Size the drawing surface to the box as shown (it may start hidden, in a later step), at the
    // screen's pixel density so the signature is sharp on phones and tablets; keep what was drawn.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const width = Math.round(element.offsetWidth * ratio);
      const height = Math.round(element.offsetHeight * ratio);
      if (width === 0 || (element.width === width && element.height === height)) return;
      const strokes = signature.toData();
      element.width = width;
      element.height = height;
      element.getContext("2d")?.scale(ratio, ratio);
      signature.clear();
      signature.fromData(strokes);
    };
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    fit();
    return () => {
      observer.disconnect();
      signature.off();
      pad.current = null;
    };
  }, []);

  const clear = () => {
    pad.current?.clear();
    setImage("");
  };

  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  return (
    <div className="flex flex-col gap-2">
      <p id={`${name}-label`} className="font-semibold">
        {label}
      </p>
      <p id={hintId} className="text-ink-muted">
        {hint}
      </p>
      {error ? (
        <p id={errorId} className="font-medium text-danger">
          {error}
        </p>
      ) : null}
      <canvas
        ref={canvas}
        role="img"
        aria-labelledby={`${name}-label`}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}
        data-testid="signature-pad"
        className={`h-40 w-full max-w-lg touch-none rounded-lg border-2 bg-surface ${error ? "border-danger" : "border-line-strong"}`}
      />
      <input type="hidden" name={name} value={image} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={clear}>
          Clear the box
        </Button>
        <p aria-live="polite" className="text-ink-muted">
          {image ? "Signature drawn." : "Nothing drawn yet."}
        </p>
      </div>
    </div>
  );
}
