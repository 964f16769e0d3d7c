// The Carrier mark: an open "C" carrying an image. Kept in sync with app/icon.svg.
export function CarrierLogo({ className = "size-9" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false" className={className}>
      <rect width="32" height="32" rx="8" fill="#0e5a61" />
      <path
        d="M22.4 9.6a9 9 0 1 0 0 12.8"
        fill="none"
        stroke="#ffffff"
        strokeWidth="3.25"
        strokeLinecap="round"
      />
      <circle cx="16.5" cy="16" r="3.25" fill="#9fd6d2" />
    </svg>
  );
}
