// Whether libjpeg must be told that a colour JPEG holds RGB as it is. Without a JFIF or Adobe
// marker, libjpeg guesses YCbCr unless the components are named R, G, B, and converts. Some
// DICOM encoders write RGB frames that way, saying RGB only in Photometric Interpretation
// (pydicom's SC_jpeg_no_color_transform.dcm, SC_rgb_jpeg.dcm, whose Adobe marker is cut short).
// As dcmtk and pydicom do, the header is believed then, unless the frame looks like YCbCr
// (components 1, 2, 3 as JFIF names them, or subsampled chroma).

type Markers = { jfif: boolean; adobe: boolean; componentIds: number[]; subsampled: boolean };

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function markersBeforeScan(stream: Uint8Array): Markers | undefined {
  const markers: Markers = { jfif: false, adobe: false, componentIds: [], subsampled: false };
  let position = 2;
  while (position + 4 <= stream.length && stream[position] === 0xff) {
    const marker = stream[position + 1]!;
    if (marker === 0xff) {
      position += 1;
      continue;
    }
    const length = (stream[position + 2]! << 8) | stream[position + 3]!;
    const segment = stream.subarray(position + 4, position + 2 + length);
    if (marker === 0xe0 && ascii(segment.subarray(0, 5)) === "JFIF\0") markers.jfif = true;
    // libjpeg reads an Adobe marker only when it is whole (12 bytes after the length).
    if (marker === 0xee && segment.length >= 12 && ascii(segment.subarray(0, 5)) === "Adobe") markers.adobe = true;
    if (marker >= 0xc0 && marker <= 0xc2) {
      const count = segment[5] ?? 0;
      const sampling = Array.from({ length: count }, (_, index) => segment[7 + index * 3] ?? 0x11);
      markers.componentIds = Array.from({ length: count }, (_, index) => segment[6 + index * 3] ?? 0);
      markers.subsampled = sampling.some((factor) => factor !== sampling[0]);
    }
    if (marker === 0xda) return markers;
    position += 2 + length;
  }
  return undefined;
}

// An Adobe APP14 marker, version 100, transform 0: "the components are RGB, do not convert".
const ADOBE_RGB = new Uint8Array([0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** The stream libjpeg should decode: as it is, or with a marker saying its RGB needs no conversion. */
export function withColourSpace(stream: Uint8Array, photometric: string): Uint8Array {
  if (photometric !== "RGB") return stream;
  const markers = markersBeforeScan(stream);
  if (!markers || markers.jfif || markers.adobe || markers.componentIds.length !== 3 || markers.subsampled) return stream;
  if (markers.componentIds.join() === "1,2,3" || markers.componentIds.join() === "82,71,66") return stream;
  const marked = new Uint8Array(stream.length + ADOBE_RGB.length);
  marked.set(stream.subarray(0, 2));
  marked.set(ADOBE_RGB, 2);
  marked.set(stream.subarray(2), 2 + ADOBE_RGB.length);
  return marked;
}
