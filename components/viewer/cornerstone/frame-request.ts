import { wadors } from "@cornerstonejs/dicom-image-loader";
import { frameAccept } from "../dicomweb/frame-accept";

// The image loader asks for every frame through here (its beforeSend hook): the Accept header
// follows the instance's stored syntax (dicomweb/frame-accept.ts).

export function frameRequestHeaders(imageId: string): Record<string, string> {
  const metadata = wadors.metaDataManager.get(imageId) as Record<string, { Value?: unknown[] } | undefined> | undefined;
  return { Accept: frameAccept(metadata?.["00020010"]?.Value?.[0]) };
}
