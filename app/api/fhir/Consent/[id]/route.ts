import { currentActor } from "@/lib/auth";
import { toFhirConsent } from "@/lib/consent/fhir";
import { openConsent } from "@/lib/consent/read";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const FHIR_JSON = { "Content-Type": "application/fhir+json; charset=utf-8", "Cache-Control": "no-store" };

function outcome(status: number, code: string, text: string): Response {
  return Response.json({ resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics: text }] }, { status, headers: FHIR_JSON });
}

export async function GET(_request: Request, { params }: RouteContext<"/api/fhir/Consent/[id]">): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return outcome(401, "login", "Sign in first.");
  const { id } = await params;
  try {
    return Response.json(toFhirConsent(await openConsent(db(), actor, id), env().publicUrl), { headers: FHIR_JSON });
  } catch (error) {
    if (error instanceof AppError) return outcome(error.status, error.status === 403 ? "forbidden" : "invalid", error.userMessage);
    throw error;
  }
}
