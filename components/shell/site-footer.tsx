export function SiteFooter() {
  return (
    <footer className="mt-auto border-t border-line bg-surface">
      <div className="mx-auto max-w-5xl space-y-3 px-4 py-8 text-ink-muted sm:px-6">
        <p className="font-semibold text-ink">Carrier — your images, your choice.</p>
        <p>Every time your images are opened or sent, Carrier records it. You can see that record at any time.</p>
        <p className="text-[0.9375rem]">
          Privacy: your images go only to the people and places you choose. You can take back a release or a
          shared link whenever you want.
        </p>
      </div>
    </footer>
  );
}
