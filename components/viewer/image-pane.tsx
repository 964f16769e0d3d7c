"use client";

import type { KeyboardEventHandler, ReactNode, Ref } from "react";

// The black area cornerstone draws into, in a frame that takes keyboard focus (arrow keys page
// through the images); touch goes to the image (no page scroll or zoom while a finger adjusts it). What is drawn is
// never left blank without a word: while the first image opens, and when an image cannot be shown,
// a sentence says so over it.

type Props = {
  ref: Ref<HTMLDivElement>;
  label: string;
  onKeyDown: KeyboardEventHandler;
  failure?: string;
  opening: boolean;
  className?: string;
  children?: ReactNode;
};

export function ImagePane({ ref, label, onKeyDown, failure, opening, className = "", children }: Props) {
  return (
    <div
      tabIndex={0}
      role="application"
      aria-roledescription="image"
      aria-label={`${label}. Arrow keys, Page Up, Page Down, Home and End move through the images.`}
      onKeyDown={onKeyDown}
      // Cornerstone's tools keep the press from focusing the frame; the keys follow the hand anyway.
      onPointerDown={(event) => event.currentTarget.focus({ preventScroll: true })}
      onContextMenu={(event) => event.preventDefault()}
      className={`relative overflow-hidden rounded-xl bg-black ${className}`}
    >
      {/* Cornerstone's own element: it makes it unfocusable (tabindex -1), so the frame takes the keys. */}
      <div ref={ref} className="absolute inset-0 touch-none" />
      {children}
      {failure ? (
        <div role="alert" className="absolute inset-x-3 top-1/3 mx-auto max-w-md rounded-xl border-2 border-danger bg-danger-soft p-4 text-ink">
          {failure}
        </div>
      ) : opening ? (
        <p role="status" className="absolute inset-x-3 top-1/2 mx-auto w-fit rounded-lg bg-black/75 px-3 py-2 text-white">
          Opening the image…
        </p>
      ) : null}
    </div>
  );
}
