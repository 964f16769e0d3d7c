// Lists a zip's entries in the browser from its central directory and gives the first bytes of
// each, unpacked, without reading the rest: enough to read DICOM headers before anything is sent.
// The server unpacks the zip again, fully and with its own limits; this is only for the preview.

export type ZipEntryHead = { name: string; size: number; head: Blob };

export class ZipPreviewError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

async function view(blob: Blob, start: number, length: number): Promise<DataView> {
  return new DataView(await blob.slice(start, start + length).arrayBuffer());
}

async function endOfCentralDirectory(zip: Blob): Promise<{ offset: number; size: number; count: number }> {
  const tailStart = Math.max(0, zip.size - (22 + MAX_COMMENT));
  const tail = await view(zip, tailStart, zip.size - tailStart);
  for (let at = tail.byteLength - 22; at >= 0; at--) {
    if (tail.getUint32(at, true) !== EOCD) continue;
    const count = tail.getUint16(at + 10, true);
    const size = tail.getUint32(at + 12, true);
    const offset = tail.getUint32(at + 16, true);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipPreviewError("zip64");
    return { offset, size, count };
  }
  throw new ZipPreviewError("This is not a zip file, or it is damaged.");
}

async function unpackedHead(compressed: Blob, method: number, headBytes: number): Promise<Blob> {
  if (method === 0) return compressed.slice(0, headBytes);
  if (method !== 8) return new Blob([]);
  const reader = compressed.stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < headBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } catch {
    // The compressed slice was cut short on purpose: what came out before that is the head.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new Blob(chunks as BlobPart[]);
}

export async function* zipEntryHeads(zip: Blob, headBytes: number): AsyncGenerator<ZipEntryHead> {
  const directory = await endOfCentralDirectory(zip);
  const central = await view(zip, directory.offset, directory.size);
  let at = 0;
  for (let index = 0; index < directory.count && at + 46 <= central.byteLength; index++) {
    if (central.getUint32(at, true) !== CENTRAL) throw new ZipPreviewError("This zip file's index is damaged.");
    const flags = central.getUint16(at + 8, true);
    const method = central.getUint16(at + 10, true);
    const compressedSize = central.getUint32(at + 20, true);
    const size = central.getUint32(at + 24, true);
    const nameLength = central.getUint16(at + 28, true);
    const extraLength = central.getUint16(at + 30, true);
    const commentLength = central.getUint16(at + 32, true);
    const localOffset = central.getUint32(at + 42, true);
    const nameBytes = new Uint8Array(central.buffer, central.byteOffset + at + 46, nameLength);
    const name = new TextDecoder(flags & 0x800 ? "utf-8" : "latin1").decode(nameBytes);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    const local = await view(zip, localOffset, 30);
    if (local.byteLength < 30 || local.getUint32(0, true) !== LOCAL) continue;
    const dataStart = localOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
    // Deflate rarely shrinks a DICOM header below a quarter; read a little more than that.
    const compressed = zip.slice(dataStart, dataStart + Math.min(compressedSize, headBytes));
    const encrypted = (flags & 0x1) !== 0;
    yield { name, size, head: encrypted ? new Blob([]) : await unpackedHead(compressed, method, headBytes) };
  }
}
