"""Prints, as JSON, what pydicom reads of one DICOM file: its transfer syntax and the SHA-256 of
each frame's bytes as stored (encapsulated frames: their fragments joined). Tests compare
Carrier's DICOMweb frames with these, an independent reading of the same file."""

import hashlib
import json
import sys

import pydicom
from pydicom.encaps import generate_pixel_data_frame

ds = pydicom.dcmread(sys.argv[1])
syntax = ds.file_meta.TransferSyntaxUID
frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
if syntax.is_compressed:
    data = list(generate_pixel_data_frame(ds.PixelData, frames))
else:
    whole = ds.PixelData
    size = len(whole) // frames
    if ds.get("PhotometricInterpretation") != "YBR_FULL_422":
        size = ds.Rows * ds.Columns * ds.SamplesPerPixel * ds.BitsAllocated // 8
    data = [whole[i * size:(i + 1) * size] for i in range(frames)]
print(json.dumps({
    "transferSyntax": str(syntax),
    "bitsAllocated": int(ds.BitsAllocated),
    "frames": [hashlib.sha256(frame).hexdigest() for frame in data],
    "patientName": str(ds.get("PatientName", "")),
    "rows": int(ds.Rows),
}))
