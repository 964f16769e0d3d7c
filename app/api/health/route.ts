import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health/check";
import { blobStore } from "@/lib/storage";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth(db(), blobStore(), packageJson.version);
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
