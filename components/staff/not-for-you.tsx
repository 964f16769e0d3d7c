import { ButtonLink } from "@/components/ui/button-link";
import { PageHeading } from "@/components/ui/page-heading";

// What a signed-in person who is not an administrator sees instead of the staff page.
export function NotForYou() {
  return (
    <div className="flex flex-col gap-8">
      <PageHeading
        title="Managing staff is not available to you"
        lead="Only administrators can invite staff, change roles or deactivate accounts. If something about your account needs changing, ask an administrator at your organization."
      />
      <div>
        <ButtonLink href="/" variant="secondary">
          Go to the home page
        </ButtonLink>
      </div>
    </div>
  );
}
