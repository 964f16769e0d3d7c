import type { Frame, PixelFormat } from "./frame";
import { FrameDecodeError, frameLength } from "./frame";
import { decodeJpeg2000, decodeHtj2k } from "./jpeg-2000";
import { decodeJpegBaseline } from "./jpeg-baseline";
import { decodeJpegLossless } from "./jpeg-lossless";
import { decodeJpegLs } from "./jpeg-ls";
import { decodeRle } from "./rle";

// One frame's stored bytes to uncompressed little endian samples, by transfer syntax. The
// uncompressed syntaxes need nothing (big endian frames are turned around as they are read, and a
// deflated file's frames come inflated).

type Decode = (compressed: Uint8Array, format: PixelFormat) => Frame | Promise<Frame>;

const DECODERS: ReadonlyMap<string, Decode> = new Map<string, Decode>([
  ["1.2.840.10008.1.2.5", decodeRle],
  ["1.2.840.10008.1.2.4.50", decodeJpegBaseline],
  ["1.2.840.10008.1.2.4.51", decodeJpegBaseline],
  ["1.2.840.10008.1.2.4.57", decodeJpegLossless],
  ["1.2.840.10008.1.2.4.70", decodeJpegLossless],
  ["1.2.840.10008.1.2.4.80", decodeJpegLs],
  ["1.2.840.10008.1.2.4.81", decodeJpegLs],
  ["1.2.840.10008.1.2.4.90", decodeJpeg2000],
  ["1.2.840.10008.1.2.4.91", decodeJpeg2000],
  ["1.2.840.10008.1.2.4.201", decodeHtj2k],
  ["1.2.840.10008.1.2.4.202", decodeHtj2k],
  ["1.2.840.10008.1.2.4.203", decodeHtj2k],
]);

export const UNCOMPRESSED_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([
  "1.2.840.10008.1.2",
  "1.2.840.10008.1.2.1",
  "1.2.840.10008.1.2.2",
  "1.2.840.10008.1.2.1.99",
]);

/** Every transfer syntax whose frames Carrier can turn into samples on the server. */
export const DECODABLE_TRANSFER_SYNTAXES: ReadonlySet<string> = new Set([...UNCOMPRESSED_TRANSFER_SYNTAXES, ...DECODERS.keys()]);

/**
 * The samples of one frame stored in `syntax`. Throws FrameDecodeError when the bytes are damaged
 * or the syntax is not one of DECODABLE_TRANSFER_SYNTAXES.
 */
export async function decodeFrame(syntax: string, format: PixelFormat, stored: Uint8Array): Promise<Frame> {
  if (UNCOMPRESSED_TRANSFER_SYNTAXES.has(syntax)) {
    if (stored.length < frameLength(format)) throw new FrameDecodeError(`the frame holds ${stored.length} bytes of the ${frameLength(format)} its image needs`);
    return { ...format, bytes: stored };
  }
  const decode = DECODERS.get(syntax);
  if (!decode) throw new FrameDecodeError(`frames in transfer syntax ${syntax} are not decoded on the server`);
  const frame = await decode(stored, format);
  // A cut-short JPEG 2000 stream decodes to nothing rather than failing.
  if (frame.rows !== format.rows || frame.columns !== format.columns) throw new FrameDecodeError(`the frame decodes to ${frame.columns} × ${frame.rows} pixels where its header says ${format.columns} × ${format.rows}`);
  if (frame.bytes.length < frameLength(frame)) throw new FrameDecodeError(`the decoded frame holds ${frame.bytes.length} bytes of the ${frameLength(frame)} its image needs`);
  return frame;
}
