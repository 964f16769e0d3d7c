import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = { title: "Sign-in problem" };

// Auth.js sends sign-in errors here with a code; each gets words a person can act on.
const PROBLEMS: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "This sign-in link no longer works",
    body: "Each link works once, and only for 15 minutes. Ask for a new link and open it soon after it arrives.",
  },
  AccessDenied: {
    title: "This account cannot sign in with an email link",
    body: "Staff sign in with their password. If you are a patient and think this is wrong, ask the front desk of your hospital.",
  },
};
const UNKNOWN = { title: "We could not sign you in", body: "Something went wrong on our side. Please try again in a few minutes." };

export default async function SignInProblemPage({ searchParams }: PageProps<"/sign-in/problem">) {
  const { error } = await searchParams;
  const problem = (typeof error === "string" && PROBLEMS[error]) || UNKNOWN;
  return (
    <div className="flex flex-col gap-8">
      <PageHeading title={problem.title} lead={problem.body} />
      <p>
        <Link href="/sign-in">Ask for a new sign-in link</Link> or <Link href="/sign-in/staff">sign in as staff</Link>.
      </p>
    </div>
  );
}
