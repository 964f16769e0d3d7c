import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SharePage } from "@/components/shares/share-page";
import { requireActor } from "@/lib/auth";

export const metadata: Metadata = { title: "Share images with a doctor" };

export default async function NewSharePage({ searchParams }: PageProps<"/shares/new">) {
  const actor = await requireActor("/shares/new");
  if (actor.role !== "PATIENT" || !actor.patientId) redirect("/studies");
  const { study } = await searchParams;
  return <SharePage actor={actor} patientId={actor.patientId} chosen={typeof study === "string" ? [study] : []} />;
}
