// First focusable element on every page, so keyboard users can jump past the header.
export function SkipLink({ targetId }: { targetId: string }) {
  return (
    <a
      href={`#${targetId}`}
      className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-surface focus:px-4 focus:py-3 focus:font-semibold focus:text-brand-strong focus:shadow-lg"
    >
      Skip to main content
    </a>
  );
}
