// How each frame is asked for (WADO-RS /frames, PS3.18 8.7.3). Compressed frames come as stored
// (transfer-syntax=*) and are decoded in the browser. Uncompressed ones are asked for as explicit
// VR little endian, which a server gives for any uncompressed syntax: big-endian words arrive
// turned around, since the browser decoder reads big endian only at 8 and 16 bits. The stored
// syntax is read from the metadata: (0002,0010), which Carrier adds, or the standard Available
// Transfer Syntax UID (0008,3002); without either, frames come as stored.

const UNCOMPRESSED = new Set(["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"]);

// Each frame is asked for as a single part first: the image loader takes a multipart answer apart by
// scanning every byte for its boundary on the page's main thread, which was most of that thread's
// work while a CT series loaded (512 KB a slice). Multipart stays as the fallback, the form every
// DICOMweb server gives.
const ofSyntax = (syntax: string) => `application/octet-stream; transfer-syntax=${syntax}, multipart/related; type="application/octet-stream"; transfer-syntax=${syntax}`;

export const FRAMES_AS_STORED = ofSyntax("*");
const FRAMES_LITTLE_ENDIAN = ofSyntax("1.2.840.10008.1.2.1");

type Metadata = Record<string, { Value?: unknown[] } | undefined>;

export function frameAccept(instance: Metadata | undefined): string {
  const stored = instance?.["00020010"]?.Value?.[0] ?? instance?.["00083002"]?.Value?.[0];
  return typeof stored === "string" && UNCOMPRESSED.has(stored) ? FRAMES_LITTLE_ENDIAN : FRAMES_AS_STORED;
}
