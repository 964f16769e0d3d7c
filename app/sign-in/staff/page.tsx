import type { Metadata } from "next";
import Link from "next/link";
import { StaffSignInForm } from "@/components/auth/staff-sign-in-form";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Staff sign in" };

export default async function StaffSignInPage({ searchParams }: PageProps<"/sign-in/staff">) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="flex flex-col gap-8">
      <PageHeading title="Staff sign in" lead="For front desk staff and administrators." />
      <StaffSignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      <p className="text-ink-muted">
        A patient? <Link href="/sign-in">Sign in with an email link</Link>.
      </p>
    </div>
  );
}
