import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Check your email" };

// Shown whether or not the address has an account, so it reveals nothing about who uses Carrier.
export default function CheckEmailPage() {
  return (
    <div className="flex flex-col gap-8">
      <PageHeading title="Check your email" lead="If the address you typed belongs to a Carrier account, a sign-in link is on its way." />
      <Notice title="The link works once, for 15 minutes.">
        <p>Open it on this device. Nothing arrived after a few minutes? Look in your spam folder, or <Link href="/sign-in">ask for a new link</Link>.</p>
      </Notice>
    </div>
  );
}
