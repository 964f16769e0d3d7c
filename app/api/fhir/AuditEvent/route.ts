import { exportPatientAuditEvents } from "@/lib/audit/export";
import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const FHIR_JSON = { "Content-Type": "application/fhir+json; charset=utf-8", "Cache-Control": "no-store" };

function outcome(status: number, code: string, text: string): Response {
  return Response.json({ resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics: text }] }, { status, headers: FHIR_JSON });
}

export async function GET(request: Request): Promise<Response> {
  const actor = await currentActor();
  if (!actor) return outcome(401, "login", "Sign in first.");
  const patientId = new URL(request.url).searchParams.get("patient")?.replace(/^Patient\//, "");
  if (!patientId) return outcome(400, "required", "Name the patient: ?patient=<id>.");
  try {
    const bundle = await exportPatientAuditEvents(db(), actor, patientId, `${env().publicUrl}/api/fhir`);
    return Response.json(bundle, { headers: FHIR_JSON });
  } catch (error) {
    if (error instanceof AppError) return outcome(error.status, error.status === 403 ? "forbidden" : "invalid", error.userMessage);
    throw error;
  }
}
