import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { DicomFileError, readPart10Header } from "../dicom/part10-header";
import type { Part10Header } from "../dicom/part10-header";

export type ExaminedFile = { header: Part10Header; sha256: string; bytes: number };

// Files larger than this are not single DICOM images a patient brings on a CD; refusing them keeps
// one file from filling the disk. Multi-frame ultrasound loops run to a few hundred MB.
export const MAX_INSTANCE_BYTES = 4 * 1024 ** 3;

/**
 * Checks that a file on disk is a usable DICOM Part 10 instance and measures it: the header
 * (read without the pixel data), its SHA-256 (unless the caller measured it already) and size.
 * Throws DicomFileError with words for the patient when it is not.
 */
export async function examineFile(path: string, knownSha256?: string): Promise<ExaminedFile> {
  const { size } = await stat(path);
  checkSize(size);
  const header = checkWhole(await readHeader(path), size);
  return { header, sha256: knownSha256 ?? (await sha256File(path)), bytes: size };
}

/** The same checks and measures for a file held in memory (a small image unpacked from a zip), whose SHA-256 the caller measured. */
export async function examineBytes(bytes: Uint8Array, sha256: string): Promise<ExaminedFile> {
  checkSize(bytes.length);
  const header = checkWhole(await readPart10Header(Readable.from([bytes])), bytes.length);
  return { header, sha256, bytes: bytes.length };
}

function checkSize(size: number): void {
  if (size === 0) {
    throw new DicomFileError("not_dicom", "This file is empty (0 bytes). Copy it again from the CD.");
  }
  if (size > MAX_INSTANCE_BYTES) {
    throw new DicomFileError("not_dicom", "This file is larger than 4 GB, far larger than a medical image. It is not an image Carrier can take.");
  }
}

function checkWhole(header: Part10Header, size: number): Part10Header {
  if (header.pixelDataEnd !== undefined && header.pixelDataEnd > size) {
    throw new DicomFileError(
      "truncated",
      "This file is cut short: its image ends early. Copy it again from the CD.",
      `pixel data should end at byte ${header.pixelDataEnd}, file has ${size}`,
    );
  }
  return header;
}

async function readHeader(path: string): Promise<Part10Header> {
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  try {
    return await readPart10Header(stream);
  } finally {
    stream.destroy();
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
