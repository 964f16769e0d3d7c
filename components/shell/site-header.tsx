import Link from "next/link";
import { AccountStatus, type SignedInAccount } from "@/components/shell/account-status";
import { CarrierLogo } from "@/components/shell/carrier-logo";
import { MainNav } from "@/components/shell/main-nav";

// Brand and account on the first row, navigation on the second: the same order on every width,
// so what you see matches the order the keyboard moves through.
export function SiteHeader({ account }: { account?: SignedInAccount }) {
  return (
    <header className="border-b border-line bg-surface">
      <div className="mx-auto max-w-5xl px-4 sm:px-6">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3">
          <Link
            href="/"
            className="-mx-1 inline-flex min-h-11 items-center gap-2.5 rounded-lg px-1 text-xl font-semibold tracking-tight text-ink no-underline"
          >
            <CarrierLogo className="size-9 shrink-0" />
            Carrier
          </Link>
          <AccountStatus account={account} />
        </div>
        <div className="-mx-3 pb-2">
          <MainNav />
        </div>
      </div>
    </header>
  );
}
