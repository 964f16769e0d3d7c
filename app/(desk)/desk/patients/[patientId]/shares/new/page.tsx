import type { Metadata } from "next";
import { SharePage } from "@/components/shares/share-page";
import { requireActor } from "@/lib/auth";

export const metadata: Metadata = { title: "Share images with a doctor" };

export default async function DeskNewSharePage({ params }: PageProps<"/desk/patients/[patientId]/shares/new">) {
  const { patientId } = await params;
  const actor = await requireActor(`/desk/patients/${patientId}/shares/new`);
  return <SharePage actor={actor} patientId={patientId} chosen={[]} />;
}
