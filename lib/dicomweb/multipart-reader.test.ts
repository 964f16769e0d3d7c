import { describe, expect, it } from "vitest";
import { boundaryOf, readMultipart } from "./multipart-reader";

// The STOW-RS body reader, fed the way networks deliver: in chunks cut anywhere.

function chunked(body: Buffer, size: number): Uint8Array[] {
  const chunks = [];
  for (let offset = 0; offset < body.length; offset += size) chunks.push(body.subarray(offset, offset + size));
  return chunks;
}

async function* toAsync(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield await Promise.resolve(chunk);
}

async function read(body: Buffer, boundary: string, size: number) {
  const parts = [];
  for await (const part of readMultipart(toAsync(chunked(body, size)), boundary)) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.body) chunks.push(chunk);
    parts.push({ type: part.headers.get("content-type"), body: Buffer.concat(chunks).toString("latin1") });
  }
  return parts;
}

// Orthanc's STOW-RS client sends boundaries longer than RFC 2046's 70 characters.
const BOUNDARY = "ddeea4b3-370b-4a44-ac1d-667cb9a2b632-ddeea4b3-370b-4a44-ac1d-667cb9a2b632";
const body = Buffer.from(
  `preamble to ignore\r\n--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n--ddeea4b3-370b\r\n--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n\r\n--${BOUNDARY}--\r\n`,
  "latin1",
);

describe("readMultipart", () => {
  it.each([1, 3, 7, 64, 4096])("reads every part whole when the body arrives in %i-byte chunks", async (size) => {
    expect(boundaryOf(`multipart/related; type="application/dicom"; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(await read(body, BOUNDARY, size)).toEqual([
      // A line that starts like the boundary but is not it is content.
      { type: "application/dicom", body: "first\r\n--ddeea4b3-370b" },
      { type: "application/dicom", body: "" },
    ]);
  });

  it("says a body cut short was cut short, and one without the boundary holds no part", async () => {
    await expect(read(body.subarray(0, 150), BOUNDARY, 16)).rejects.toThrow(/cut short/);
    await expect(read(Buffer.from("no parts here"), BOUNDARY, 16)).rejects.toThrow(/no part with the boundary/);
  });
});
