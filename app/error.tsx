"use client";

import { useEffect } from "react";
import { PageHeading } from "@/components/ui/page-heading";

// Server errors arrive with a digest that matches the server log; sharing it helps support find the cause.
function errorReference(error: unknown): string | undefined {
  if (error instanceof Error && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const reference = errorReference(error);

  return (
    <div className="space-y-8">
      <PageHeading
        title="Something went wrong"
        lead="This page did not load. It is not your fault. Please try again in a moment."
      />
      <button
        type="button"
        onClick={() => {
          retry();
        }}
        className="inline-flex min-h-12 items-center justify-center rounded-lg bg-brand px-6 py-3 font-semibold text-white hover:bg-brand-strong motion-safe:transition-colors"
      >
        Try again
      </button>
      {reference ? (
        <p className="text-ink-muted">
          If this keeps happening, ask for help and mention this code: <code className="font-mono">{reference}</code>
        </p>
      ) : null}
    </div>
  );
}
