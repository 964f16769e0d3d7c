import { wadors } from "@cornerstonejs/dicom-image-loader";
import { frameAccept } from "../dicomweb/frame-accept";

// The image loader asks for every frame through here (its beforeSend hook): the Accept header
// follows the instance's stored syntax (dicomweb/frame-accept.ts).

export function frameRequestHeaders(imageId: string): Record<string, string> {
  return { Accept: frameAccept(wadors.metaDataManager.get(imageId) as Parameters<typeof frameAccept>[0]) };
}
