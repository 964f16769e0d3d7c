// Turbopack loader (next.config.ts): small, named corrections to cornerstone3d 5.14's published
// code. Each one checks that the code it changes is still there, so an upgrade that changes it
// stops the build here instead of silently undoing the fix.

const PATCHES = [
  {
    file: "@cornerstonejs/tools/dist/esm/utilities/registerComputeWorker.js",
    // `next build` with Turbopack hangs, silently, on the tools' compute worker: the worker's own
    // imports lead back to the module that starts it. The viewer uses none of the tools that need
    // that worker (segmentation statistics and contours), so it is left out, and starting it says why.
    apply: (source) =>
      replaceOnce(source, "new URL('../workers/computeWorker.js', import.meta.url)", '(() => { throw new Error("Carrier\'s viewer is built without cornerstone\'s compute worker (segmentation tools)."); })()'),
  },
  {
    file: "@cornerstonejs/dicom-image-loader/dist/esm/imageLoader/isColorConversionRequired.js",
    // The expected sizes of 4:2:0 and 4:2:2 pixel data are swapped, so an uncompressed YBR_FULL_422
    // frame (two bytes a pixel, PS3.3 C.7.6.3.1.2) is taken for converted RGB and fails to draw.
    apply: (source) => replaceOnce(replaceOnce(source, "endsWith('420')", "endsWith('4:2:2')"), "endsWith('422')", "endsWith('420')").replace("endsWith('4:2:2')", "endsWith('422')"),
  },
  {
    file: "@cornerstonejs/dicom-image-loader/dist/esm/shared/decoders/decodeLittleEndian.js",
    // One-bit pixels (segmentations, overlays stored as images) arrive packed eight to a byte, the
    // first pixel in the lowest bit (PS3.5 8.1.1); the loader passes the packed bytes on as if
    // each were a pixel, and nothing is drawn. They are unpacked here, one byte a pixel.
    apply: (source) =>
      replaceOnce(
        source,
        "else if (imageFrame.bitsAllocated === 8 || imageFrame.bitsAllocated === 1) {",
        `else if (imageFrame.bitsAllocated === 1) {
        const count = imageFrame.rows * imageFrame.columns * (imageFrame.samplesPerPixel || 1);
        const unpacked = new Uint8Array(count);
        for (let i = 0; i < count; i++) unpacked[i] = (pixelData[i >> 3] >> (i & 7)) & 1;
        imageFrame.pixelData = unpacked;
    }
    else if (imageFrame.bitsAllocated === 8) {`,
      ),
  },
  {
    file: "@cornerstonejs/dicom-image-loader/dist/esm/shared/decoders/decodeRLE.js",
    // DICOM RLE (PS3.5 Annex G) keeps one segment per byte of each sample, most significant first.
    // The loader decodes 8- and 1-bit images, and 16-bit ones only with one sample a pixel; 16-bit
    // colour comes out scrambled and 32-bit images (dose grids) are refused. Wider pixels, grey or
    // colour, go through one general decoder here, which writes the samples interleaved (and
    // colour as the 8-bit samples it is drawn from).
    apply: (source) =>
      replaceOnce(
        replaceOnce(source, "else if (imageFrame.bitsAllocated === 16) {\n        return decode16(imageFrame, pixelData);", "else if (imageFrame.bitsAllocated === 16 || imageFrame.bitsAllocated === 32) {\n        return decodeWide(imageFrame, pixelData);"),
        "export default decodeRLE;",
        `function decodeWide(imageFrame, pixelData) {
    const bytes = imageFrame.bitsAllocated / 8;
    const samples = imageFrame.samplesPerPixel || 1;
    const pixels = imageFrame.rows * imageFrame.columns;
    const header = new DataView(pixelData.buffer, pixelData.byteOffset);
    const data = new Int8Array(pixelData.buffer, pixelData.byteOffset, pixelData.length);
    const out = new Uint8Array(pixels * samples * bytes);
    const segments = header.getUint32(0, true);
    for (let segment = 0; segment < segments; segment++) {
        const sample = Math.floor(segment / bytes);
        const byte = bytes - 1 - (segment % bytes);
        let input = header.getUint32((segment + 1) * 4, true);
        const end = segment + 1 < segments ? header.getUint32((segment + 2) * 4, true) : pixelData.length;
        let pixel = 0;
        const put = (value) => {
            out[(pixel * samples + sample) * bytes + byte] = value;
            pixel++;
        };
        while (input < end && pixel < pixels) {
            const n = data[input++];
            if (n >= 0) for (let i = 0; i <= n && pixel < pixels; i++) put(data[input++]);
            else if (n !== -128) {
                const value = data[input++];
                for (let i = 0; i <= -n && pixel < pixels; i++) put(value);
            }
        }
    }
    const signed = imageFrame.pixelRepresentation === 1;
    const wide = bytes === 2 ? (signed ? new Int16Array(out.buffer) : new Uint16Array(out.buffer)) : signed ? new Int32Array(out.buffer) : new Uint32Array(out.buffer);
    if (samples === 1) {
        imageFrame.pixelData = wide;
        return imageFrame;
    }
    // Colour is drawn from 8-bit samples: keep the most significant eight bits of each.
    const shift = (imageFrame.bitsStored || imageFrame.bitsAllocated) - 8;
    imageFrame.pixelData = Uint8Array.from(wide, (value) => Math.floor(value / 2 ** shift));
    imageFrame.bitsAllocated = 8;
    imageFrame.bitsStored = 8;
    return imageFrame;
}
export default decodeRLE;`,
      ),
  },
];

function replaceOnce(source, from, to) {
  if (source.split(from).length !== 2) throw new Error(`cornerstone-patches: "${from}" is no longer found exactly once; check scripts/build/cornerstone-patches.cjs against the new cornerstone3d.`);
  return source.replace(from, to);
}

module.exports = function patchCornerstone(source) {
  const patch = PATCHES.find((candidate) => this.resourcePath.replaceAll("\\", "/").endsWith(candidate.file));
  if (!patch) throw new Error(`cornerstone-patches: no patch for ${this.resourcePath}`);
  return patch.apply(source);
};
