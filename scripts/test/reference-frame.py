"""Prints, as JSON, one frame of a DICOM file decoded without Carrier's code: by pydicom
(uncompressed, deflated, RLE), else decompressed by dcmtk (JPEG, JPEG-LS) or GDCM (gdcmconv, for
JPEG 2000). Grey frames give their stored values (no rescale); colour frames give 8-bit RGB
(YBR converted as pydicom does, deeper samples cut to their top 8 bits).
Usage: reference-frame.py FILE [FRAME]   (FRAME is 1-based; default 1)"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

warnings.simplefilter("ignore")

DCMTK = {
    "1.2.840.10008.1.2.4.50": "dcmdjpeg",
    "1.2.840.10008.1.2.4.51": "dcmdjpeg",
    "1.2.840.10008.1.2.4.57": "dcmdjpeg",
    "1.2.840.10008.1.2.4.70": "dcmdjpeg",
    "1.2.840.10008.1.2.4.80": "dcmdjpls",
    "1.2.840.10008.1.2.4.81": "dcmdjpls",
}


def decoded(path):
    ds = pydicom.dcmread(path)
    syntax = str(ds.file_meta.TransferSyntaxUID)
    if not ds.file_meta.TransferSyntaxUID.is_compressed or syntax == "1.2.840.10008.1.2.5":
        return ds
    tool = [DCMTK[syntax]] if syntax in DCMTK else ["gdcmconv", "--raw"]
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "raw.dcm")
        subprocess.run([*tool, path, out], check=True, capture_output=True)
        # Read whole (pydicom defers nothing by default) before the folder goes.
        return pydicom.dcmread(out)


ds = decoded(sys.argv[1])
frame = int(sys.argv[2]) if len(sys.argv) > 2 else 1
pixels = ds.pixel_array
if int(getattr(ds, "NumberOfFrames", 1) or 1) > 1:
    pixels = pixels[frame - 1]
photometric = str(ds.PhotometricInterpretation)
samples = int(ds.SamplesPerPixel)
if samples == 3:
    if photometric.startswith("YBR_FULL"):
        pixels = convert_color_space(pixels, "YBR_FULL", "RGB")
    shift = max(0, int(ds.BitsStored) - 8)
    values = (pixels.astype(np.uint64) >> shift).astype("<u1")
else:
    values = pixels.astype("<i8")
print(json.dumps({
    "rows": int(ds.Rows),
    "columns": int(ds.Columns),
    "samples": samples,
    "photometric": photometric,
    "values": base64.b64encode(values.tobytes()).decode("ascii"),
}))
