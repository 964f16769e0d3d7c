import type { ByteReader } from "./part10-byte-reader";
import { readElementHeader, skipValue } from "./part10-elements";
import type { ElementContext } from "./part10-elements";
import { DicomFileError, malformedFile } from "./part10-errors";
import {
  FILE_META_GROUP_LENGTH,
  MEDIA_STORAGE_SOP_CLASS_UID,
  MEDIA_STORAGE_SOP_INSTANCE_UID,
  TRANSFER_SYNTAX_UID,
} from "./part10-tags";

/** The parts of the file meta group (0002) that Carrier needs. */
export interface FileMeta {
  transferSyntaxUid: string;
  mediaStorageSopClassUid?: string;
  mediaStorageSopInstanceUid?: string;
}

const PREAMBLE_LENGTH = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];

const notDicom = (userMessage: string, detail: string) => new DicomFileError("not_dicom", userMessage, detail);

const DICOM_UID_ROOT = "1.2.840.10008.";
// Enough of a bare data set to reach its SOP Class UID, which follows the first few elements.
const SNIFF_LENGTH = 1024;

/**
 * Tells DICOM data written without its Part 10 wrapper apart from some other kind of file: it
 * starts with a little-endian group 0002 or 0008 tag, or it is binary and names a DICOM UID.
 */
function looksLikeBareDataset(start: Uint8Array): boolean {
  const startsWithTag = start.length >= 8 && start[1] === 0 && start[3] === 0 && (start[0] === 2 || start[0] === 8);
  const binaryWithDicomUid =
    start.includes(0) && Buffer.from(start.buffer, start.byteOffset, start.byteLength).includes(DICOM_UID_ROOT);
  return startsWithTag || binaryWithDicomUid;
}

/** Checks the 128-byte preamble and "DICM" marker and consumes them. */
async function readPreamble(reader: ByteReader): Promise<void> {
  const start = await reader.peek(SNIFF_LENGTH);
  if (start.length === 0) throw notDicom("This file is empty, so it cannot be a DICOM image.", "empty file");
  if (DICM.every((byte, index) => start[PREAMBLE_LENGTH + index] === byte)) {
    await reader.skip(PREAMBLE_LENGTH + DICM.length, "the preamble");
    return;
  }
  if (looksLikeBareDataset(start)) {
    throw new DicomFileError(
      "no_meta",
      "This file holds DICOM data but lacks the standard DICOM file header, so Carrier cannot tell how it is encoded. Export it again as a standard DICOM file.",
      "no DICM marker; starts like a bare data set",
    );
  }
  throw notDicom("This file is not a DICOM image (it has no DICM marker).", "no DICM marker");
}

const missingTransferSyntax = () =>
  new DicomFileError(
    "no_meta",
    "This DICOM file's header does not say how its image is encoded, so Carrier cannot read it. Export it again as a standard DICOM file.",
    "file meta has no (0002,0010) Transfer Syntax UID",
  );

/**
 * Reads the file meta group, always explicit VR little endian (PS3.10 7.1). Its group length,
 * when present, says where it ends; otherwise it ends at the first tag outside group 0002.
 */
export async function readFileMeta(reader: ByteReader, maxHeaderBytes: number): Promise<FileMeta> {
  await readPreamble(reader);
  const context: ElementContext = { reader, littleEndian: true, explicitVr: true, maxHeaderBytes };
  const uids = new Map<number, string>();
  let metaEnd: number | undefined;
  while (metaEnd === undefined ? await startsGroup0002(reader) : reader.position < metaEnd) {
    const element = await readElementHeader(context, "the file meta header");
    if (element.tag === FILE_META_GROUP_LENGTH && element.length === 4) {
      const value = await reader.read(4, "the file meta group length");
      metaEnd = reader.position + new DataView(value.buffer).getUint32(0, true);
    } else if (isWantedUid(element.tag) && element.length !== undefined && element.length <= 64) {
      const value = await reader.read(element.length, "a file meta UID");
      uids.set(element.tag, Buffer.from(value).toString("latin1").replace(/[\0 ]+$/, ""));
    } else {
      await skipValue(context, element);
    }
  }
  if (metaEnd !== undefined && reader.position !== metaEnd) {
    throw malformedFile(`file meta ends at ${reader.position}, its group length says ${metaEnd}`);
  }
  const transferSyntaxUid = uids.get(TRANSFER_SYNTAX_UID);
  if (!transferSyntaxUid) throw missingTransferSyntax();
  return {
    transferSyntaxUid,
    mediaStorageSopClassUid: uids.get(MEDIA_STORAGE_SOP_CLASS_UID) || undefined,
    mediaStorageSopInstanceUid: uids.get(MEDIA_STORAGE_SOP_INSTANCE_UID) || undefined,
  };
}

function isWantedUid(tag: number): boolean {
  return tag === TRANSFER_SYNTAX_UID || tag === MEDIA_STORAGE_SOP_CLASS_UID || tag === MEDIA_STORAGE_SOP_INSTANCE_UID;
}

/** The next tag is in group 0002 (little endian), judged from its first two bytes. */
async function startsGroup0002(reader: ByteReader): Promise<boolean> {
  const group = await reader.peek(2);
  return group.length === 2 && group[0] === 0x02 && group[1] === 0x00;
}
