import type { Metadata } from "next";
import Link from "next/link";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackUrl } = await searchParams;
  return (
    <div className="flex flex-col gap-8">
      <PageHeading title="Sign in" lead="Type your email address and we will send you a link. Open it on this device to sign in." />
      <EmailLinkForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      <p className="text-ink-muted">
        Work at a hospital or clinic? <Link href="/sign-in/staff">Staff sign in with a password</Link>.
      </p>
    </div>
  );
}
