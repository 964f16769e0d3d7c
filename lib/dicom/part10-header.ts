import { Readable, pipeline } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { ByteReader } from "./part10-byte-reader";
import { nextElementHasExplicitVr, readElementHeader, skipValue } from "./part10-elements";
import type { ElementContext } from "./part10-elements";
import { DicomFileError, malformedFile, truncatedFile } from "./part10-errors";
import { datasetEncoding } from "./part10-syntax";
import { PIXEL_DATA_TAGS, HEADER_ATTRIBUTE_BY_TAG } from "./part10-tags";
import { readFileMeta } from "./part10-meta";
import type { FileMeta } from "./part10-meta";
import { MAX_ATTRIBUTE_BYTES, decodeAttribute } from "./part10-values";
import type { HeaderAttributes } from "./part10-values";

export { DicomFileError } from "./part10-errors";
export type { DicomFileErrorCode } from "./part10-errors";

export interface Part10Header extends HeaderAttributes {
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /**
   * Bytes read before the header ended: the offset of the Pixel Data tag, or the length of a
   * file without pixels. In a deflated file the data set part counts inflated bytes.
   */
  headerBytes: number;
  /**
   * Where the pixel data's value ends when its length is declared (native, not encapsulated,
   * not deflated): a file shorter than this is cut short inside its image.
   */
  pixelDataEnd?: number;
  /**
   * Whether the data set is really written with explicit VRs. Some files declare an explicit VR
   * syntax in their meta but write the data set implicit (pydicom's SC_rgb_jpeg.dcm).
   */
  explicitVr: boolean;
}

export interface ReadPart10HeaderOptions {
  /** Refuse files whose header runs past this many bytes; default 4 MiB. */
  maxHeaderBytes?: number;
}

const DEFAULT_MAX_HEADER_BYTES = 4 * 1024 * 1024;

/**
 * Reads the identifying header of a DICOM Part 10 file from a stream, stopping where the pixel
 * data begins so the image itself is never held in memory. Throws DicomFileError, whose
 * `userMessage` can be shown to the patient as is. The source is not closed: the caller owns it.
 */
export async function readPart10Header(
  source: AsyncIterable<Uint8Array>,
  options: ReadPart10HeaderOptions = {},
): Promise<Part10Header> {
  const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES;
  const fileReader = new ByteReader(source);
  const meta = await readFileMeta(fileReader, maxHeaderBytes);
  const encoding = datasetEncoding(meta.transferSyntaxUid);
  if (!encoding) {
    throw new DicomFileError(
      "unsupported_transfer_syntax",
      "This DICOM file is stored in a private format that Carrier cannot read. Ask the imaging department for a standard DICOM copy.",
      `transfer syntax ${meta.transferSyntaxUid}`,
    );
  }
  const datasetReader = encoding.deflated ? new ByteReader(inflate(fileReader), fileReader.position) : fileReader;
  try {
    const declared: ElementContext = { reader: datasetReader, ...encoding, maxHeaderBytes };
    const context = { ...declared, explicitVr: await nextElementHasExplicitVr(declared) };
    const { attributes, headerBytes, pixelDataLength } = await readTopLevelAttributes(context);
    const pixelDataEnd = pixelDataLength !== undefined && !encoding.deflated ? datasetReader.position + pixelDataLength : undefined;
    return { ...requiredUids(meta, attributes), ...attributes, transferSyntaxUid: meta.transferSyntaxUid, headerBytes, pixelDataEnd, explicitVr: context.explicitVr };
  } finally {
    if (datasetReader !== fileReader) await datasetReader.close();
  }
}

async function readTopLevelAttributes(
  context: ElementContext,
): Promise<{ attributes: HeaderAttributes; headerBytes: number; pixelDataLength?: number }> {
  const { reader } = context;
  const attributes: HeaderAttributes = {};
  while (!(await reader.atEnd())) {
    const start = reader.position;
    const element = await readElementHeader(context);
    if (PIXEL_DATA_TAGS.has(element.tag)) return { attributes, headerBytes: start, pixelDataLength: element.length };
    const name = HEADER_ATTRIBUTE_BY_TAG.get(element.tag);
    if (name && element.length !== undefined) {
      if (element.length > MAX_ATTRIBUTE_BYTES) throw malformedFile(`${name} is ${element.length} bytes long`);
      const value = await reader.read(element.length, name);
      decodeAttribute(attributes, name, value, context.littleEndian);
    } else {
      await skipValue(context, element);
    }
  }
  return { attributes, headerBytes: reader.position };
}

const UID_NAMES = {
  sopClassUid: "SOP Class UID, which says what kind of image it is",
  sopInstanceUid: "SOP Instance UID, the identifier of the image itself",
  studyInstanceUid: "Study Instance UID, the identifier that ties the image to its study",
  seriesInstanceUid: "Series Instance UID, the identifier that ties the image to its series",
} as const;

function requiredUid(name: keyof typeof UID_NAMES, value: string | undefined): string {
  if (value) return value;
  throw new DicomFileError(
    "missing_uid",
    `This DICOM file has no ${UID_NAMES[name]}, so Carrier cannot file it. Ask the imaging department for a complete copy.`,
    `missing ${name}`,
  );
}

/** SOP Class and Instance may come from the file meta when the data set lacks them. */
function requiredUids(meta: FileMeta, attributes: HeaderAttributes) {
  return {
    sopClassUid: requiredUid("sopClassUid", attributes.sopClassUid ?? meta.mediaStorageSopClassUid),
    sopInstanceUid: requiredUid("sopInstanceUid", attributes.sopInstanceUid ?? meta.mediaStorageSopInstanceUid),
    studyInstanceUid: requiredUid("studyInstanceUid", attributes.studyInstanceUid),
    seriesInstanceUid: requiredUid("seriesInstanceUid", attributes.seriesInstanceUid),
  };
}

/** The data set of a deflated file: raw deflate (no zlib header) from the byte after the meta. */
async function* inflate(fileReader: ByteReader): AsyncGenerator<Uint8Array> {
  const inflater = createInflateRaw();
  pipeline(Readable.from(fileReader.rest()), inflater, () => {
    // Errors surface through the inflater's iteration below.
  });
  try {
    for await (const chunk of inflater as AsyncIterable<Uint8Array>) yield chunk;
  } catch (error) {
    if (error instanceof DicomFileError) throw error;
    const zlibCode = (error as NodeJS.ErrnoException).code;
    if (zlibCode === "Z_BUF_ERROR") throw truncatedFile("deflated data set ends early");
    if (zlibCode?.startsWith("Z_")) throw malformedFile(`deflated data set: ${String(error)}`);
    throw error;
  } finally {
    inflater.destroy();
  }
}
