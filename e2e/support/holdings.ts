import path from "node:path";
import type { UserActor } from "../../lib/auth/actor";
import { LocalBlobStore } from "../../lib/storage/local-store";
import { holdFiles } from "../../scripts/test/hold-files";
import { e2ePaths } from "../../scripts/test/e2e-paths";
import { e2eDatabase } from "./accounts";

// Real DICOM files put straight into an e2e patient's holdings (the upload page has tests of its
// own): for specs about what comes after intake.

type Account = { id: string; name: string; email: string; patient: { id: string } };

export async function holdFilesFor(account: Account, files: readonly string[]) {
  const actor: UserActor & { patientId: string } = {
    kind: "user",
    userId: account.id,
    role: "PATIENT",
    displayName: account.name,
    email: account.email,
    organizationId: null,
    patientId: account.patient.id,
    sessionId: null,
    client: {},
  };
  // The e2e server keeps its images in the default place under its data folder (lib/env.ts).
  const store = new LocalBlobStore(path.join(e2ePaths().dataDir, "storage"));
  return holdFiles(e2eDatabase(), store, actor, files);
}
