"""The pixels of the first frame of each DICOM file given on the command line, read without
cornerstone: by pydicom (RLE, JPEG and JPEG 2000 through Pillow, deflate, big endian), else
decompressed by dcmtk (JPEG lossless and 12-bit, JPEG-LS) or GDCM (gdcmconv), and numpy applies the
modality LUT (rescale).
Prints JSON: per file its UIDs, size, pixel spacing, its window (when the header has a valid one),
its range of values and, at a few points, the value (grey, or RGB scaled to 8 bits) with the range
of its 3x3 neighbourhood; or that it has no pixels; or why it could not be read. The spec turns
values into the grey the viewer should draw (e2e/support/viewer.ts)."""

import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut, convert_color_space

LOSSY = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.91"}
DCMTK = {
    "1.2.840.10008.1.2.4.80": "dcmdjpls",
    "1.2.840.10008.1.2.4.81": "dcmdjpls",
    "1.2.840.10008.1.2.4.51": "dcmdjpeg",
    "1.2.840.10008.1.2.4.57": "dcmdjpeg",
    "1.2.840.10008.1.2.4.70": "dcmdjpeg",
}
GRID = [0.3, 0.43, 0.57, 0.7]


def decoded(ds, path):
    """pydicom's own decoders first; for what they lack, dcmtk's; then GDCM's (gdcmconv)."""
    try:
        return ds, ds.pixel_array
    except Exception:  # noqa: BLE001 - no pydicom handler for this syntax, or Pillow refused it
        pass
    tools = [[DCMTK[str(ds.file_meta.TransferSyntaxUID)]]] if str(ds.file_meta.TransferSyntaxUID) in DCMTK else []
    for tool in tools + [["gdcmconv", "--raw"]]:
        with tempfile.TemporaryDirectory() as folder:
            out = os.path.join(folder, "raw.dcm")
            if subprocess.run([*tool, path, out], capture_output=True).returncode == 0:
                raw = pydicom.dcmread(out)
                return raw, raw.pixel_array
    raise ValueError("neither pydicom, dcmtk nor GDCM decodes it")


def number(value):
    if value is None:
        return None
    if isinstance(value, pydicom.multival.MultiValue):
        value = value[0]
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def display(path):
    ds = pydicom.dcmread(path)
    if "PixelData" not in ds:
        return {"name": os.path.basename(path), "pixels": False}
    frames = number(ds.get("NumberOfFrames"))
    if frames is None:
        # Unreadable (badVR.dcm says "1A"): one frame, as the viewer reads it.
        frames = 1
        ds.NumberOfFrames = 1
    frames = int(frames)
    raw, pixels = decoded(ds, path)
    frame = pixels[0] if frames > 1 else pixels
    colour = int(ds.SamplesPerPixel) == 3
    window = None
    if colour:
        # pydicom's decoders and gdcmconv --raw both leave YCbCr as YCbCr (and say so); dcmtk's
        # tools convert to RGB and say RGB. Whether Pillow is installed decides which one decoded.
        interpretation = str(raw.PhotometricInterpretation)
        if interpretation.startswith("YBR"):
            frame = convert_color_space(frame, interpretation, "RGB")
        if frame.dtype != np.uint8:
            frame = frame.astype(np.float64) * 255 / (2 ** int(ds.BitsStored) - 1)
        values = np.clip(frame.astype(np.float64), 0, 255)
    else:
        values = apply_modality_lut(frame, ds).astype(np.float64)
        width, center = number(ds.get("WindowWidth")), number(ds.get("WindowCenter"))
        if width is not None and center is not None and width >= 1:
            window = {"center": center, "width": width}
    rows, columns = int(ds.Rows), int(ds.Columns)
    spacing = [number(v) for v in ds.PixelSpacing] if "PixelSpacing" in ds else [1.0, 1.0]
    samples = []
    for fy in GRID:
        for fx in GRID:
            x, y = int(fx * columns), int(fy * rows)
            around = values[max(0, y - 1):y + 2, max(0, x - 1):x + 2]
            samples.append({
                "column": x,
                "row": y,
                "value": values[y, x].tolist(),
                "low": around.min(axis=(0, 1)).tolist(),
                "high": around.max(axis=(0, 1)).tolist(),
            })
    return {
        "name": os.path.basename(path),
        "pixels": True,
        "studyInstanceUid": str(ds.StudyInstanceUID),
        "seriesInstanceUid": str(ds.SeriesInstanceUID),
        "sopInstanceUid": str(ds.SOPInstanceUID),
        "instanceNumber": number(ds.get("InstanceNumber")),
        "frames": frames,
        "rows": rows,
        "columns": columns,
        "spacing": spacing,
        "colour": colour,
        "window": window,
        "range": [float(values.min()), float(values.max())],
        "inverted": str(ds.PhotometricInterpretation) == "MONOCHROME1",
        "lossy": str(ds.file_meta.TransferSyntaxUID) in LOSSY or ds.get("LossyImageCompression") == "01",
        "samples": samples,
    }


def reference(path):
    try:
        return display(path)
    except Exception as error:  # noqa: BLE001 - the spec reports which file and why
        return {"name": os.path.basename(path), "error": f"{type(error).__name__}: {error}"}


print(json.dumps([reference(path) for path in sys.argv[1:]]))
