import type { Metadata } from "next";
import type { ComponentType } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { DiscIcon, EyeIcon, SendIcon, SignatureIcon } from "@/components/ui/icons";
import { PageHeading } from "@/components/ui/page-heading";

export const metadata: Metadata = {
  title: { absolute: "Carrier: your medical images, your choice" },
};

type Step = {
  title: string;
  text: string;
  Icon: ComponentType<{ className?: string }>;
};

// Written for a tired reader: short sentences, everyday words, one idea each.
const steps: readonly Step[] = [
  {
    title: "Bring your images in",
    text: "Add them from a CD, a folder, or a zip file. Or type in the code your hospital gave you.",
    Icon: DiscIcon,
  },
  {
    title: "Choose who may see them",
    text: "You sign a release. It says who may get your images, why, and for how long. You can take it back at any time.",
    Icon: SignatureIcon,
  },
  {
    title: "Send or share them",
    text: "Send them to another hospital or a clinic. Or share a link with a doctor for a second opinion.",
    Icon: SendIcon,
  },
  {
    title: "See who opened them",
    text: "Carrier writes down every time your images are opened or sent. You can look at that list whenever you like.",
    Icon: EyeIcon,
  },
];

export default function HomePage() {
  return (
    <div className="space-y-16">
      <div className="space-y-8">
        <PageHeading
          title="Your medical images, where you need them"
          lead="Carrier keeps your X-rays, scans and other medical images in one place. You decide who gets to see them."
        />
        <div className="flex flex-col gap-3 sm:flex-row">
          <ButtonLink href="/studies">Go to my studies</ButtonLink>
          <ButtonLink href="/desk" variant="secondary">
            For front desk staff
          </ButtonLink>
        </div>
      </div>

      <section aria-labelledby="how-it-works" className="space-y-6">
        <h2 id="how-it-works" className="text-2xl font-semibold tracking-tight">
          How Carrier works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-2">
          {steps.map(({ title, text, Icon }, index) => (
            <li key={title} className="rounded-xl border border-line bg-surface p-5 sm:p-6">
              <span className="flex size-12 items-center justify-center rounded-full bg-brand-soft text-brand">
                <Icon className="size-6" />
              </span>
              <h3 className="mt-4 text-lg font-semibold">
                <span className="text-ink-muted">{index + 1}. </span>
                {title}
              </h3>
              <p className="mt-1 text-ink-muted">{text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="getting-help" className="space-y-6">
        <h2 id="getting-help" className="text-2xl font-semibold tracking-tight">
          Getting help
        </h2>
        <div className="grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="text-lg font-semibold">At the hospital</h3>
            <p className="mt-1 text-ink-muted">
              The staff at the radiology front desk can add your images for you and help you sign a release.
            </p>
          </div>
          <div>
            <h3 className="text-lg font-semibold">For doctors</h3>
            <p className="mt-1 text-ink-muted">
              Did a patient send you a link? Open it and enter the PIN they gave you. You do not need an account.
            </p>
          </div>
        </div>
      </section>
    </div>
  );
}
