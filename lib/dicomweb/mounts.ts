import { join } from "node:path";
import { db } from "../db";
import { env } from "../env";
import { uploadsDir } from "../ingest/upload-store";
import { blobStore } from "../storage";
import type { DicomWebContext } from "./service";

// Where Carrier serves DICOMweb: to signed-in people and systems, and to a share session. Each
// mount answers with URLs under itself (RetrieveURL, BulkDataURI).

export const DICOMWEB_MOUNTS = { user: "/api/dicomweb", share: "/api/share/dicomweb" } as const;
export type DicomWebMount = (typeof DICOMWEB_MOUNTS)[keyof typeof DICOMWEB_MOUNTS];

export function dicomWebContext(mount: DicomWebMount): DicomWebContext {
  const settings = env();
  return {
    db: db(),
    store: blobStore(),
    baseUrl: `${settings.publicUrl}${mount}`,
    workDir: join(uploadsDir(settings.dataDir), ".work"),
  };
}
