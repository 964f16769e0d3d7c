import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button-link";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = {
  title: "Page not found",
};

export default function NotFound() {
  return (
    <div className="space-y-8">
      <PageHeading
        title="We could not find that page"
        lead="The link may be old, or there may be a typo in the address. Your images are not affected."
      />
      <ButtonLink href="/">Go to the home page</ButtonLink>
    </div>
  );
}
