import type { NaturalizedDataset } from "dcmjs";
import { renderPhantomSlice } from "./ct-phantom";
import { CARRIER_IMPLEMENTATION_VERSION_NAME, writePart10 } from "./part10-write";
import { syntheticCtOptionsSchema } from "./synthetic-ct-options";
import type { ResolvedSyntheticCtOptions, SyntheticCtOptions } from "./synthetic-ct-options";
import { randomDicomUid, seededDicomUid } from "./uid";

export type { SyntheticCtOptions } from "./synthetic-ct-options";

export const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

/** One generated CT image: its identifiers and the whole Part 10 file. */
export interface SyntheticInstance {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  instanceNumber: number;
  bytes: Uint8Array;
}

// Acquisition geometry of a routine chest CT.
const RECONSTRUCTION_DIAMETER_MM = 350;
const SLICE_THICKNESS_MM = 5;
// Stored value = HU - intercept, so air (-1000 HU) stores as 24 and nothing is negative.
const RESCALE_INTERCEPT = -1024;

interface SeriesIdentity {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
}

/** DS values may hold 16 characters; rounding keeps computed geometry inside that. */
function decimal(value: number): number {
  return Number(value.toFixed(4));
}

/** Age at the study (AS, "045Y"), as scanners fill it in. */
function patientAge(birthDate: string, studyDate: string): string | undefined {
  const years = Math.floor((Number(studyDate) - Number(birthDate)) / 10000);
  return years >= 0 && years <= 999 ? `${String(years).padStart(3, "0")}Y` : undefined;
}

function resolveIdentity(options: ResolvedSyntheticCtOptions): SeriesIdentity {
  const { seed } = options;
  const seriesNumber = options.series.number;
  const uid = (...parts: (string | number)[]) => (seed ? seededDicomUid(seed, ...parts) : randomDicomUid());
  return {
    studyInstanceUid: options.study.studyInstanceUid ?? uid("study"),
    seriesInstanceUid: options.series.seriesInstanceUid ?? uid("series", seriesNumber),
    frameOfReferenceUid: uid("frame-of-reference", seriesNumber),
  };
}

/** Little-endian signed 16-bit stored values, whatever the host's byte order. */
function encodePixels(hounsfield: Int16Array): ArrayBuffer {
  const pixels = new DataView(new ArrayBuffer(hounsfield.length * 2));
  hounsfield.forEach((hu, index) => {
    const stored = Math.min(Math.max(hu - RESCALE_INTERCEPT, -32768), 32767);
    pixels.setInt16(index * 2, stored, true);
  });
  return pixels.buffer;
}

function ctImageDataset(
  options: ResolvedSyntheticCtOptions,
  identity: SeriesIdentity,
  instanceNumber: number,
  sopInstanceUid: string,
): NaturalizedDataset {
  const { patient, study, series, slices } = options;
  const { rows, columns } = options.size;
  const pixelSpacing = decimal(RECONSTRUCTION_DIAMETER_MM / Math.max(rows, columns));
  // Instance 1 is the most inferior slice; z rises by one slice thickness per instance.
  const z = decimal((instanceNumber - 1 - (slices - 1) / 2) * SLICE_THICKNESS_MM);
  const stackPosition = slices === 1 ? 0.5 : (instanceNumber - 1) / (slices - 1);
  const hounsfield = renderPhantomSlice({
    rows,
    columns,
    pixelSpacingMm: pixelSpacing,
    stackPosition,
    noiseSeed: series.number * 100_003 + instanceNumber,
  });

  return {
    // SOP Common
    SpecificCharacterSet: "ISO_IR 192", // UTF-8: patient names are not all ASCII
    SOPClassUID: CT_IMAGE_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: study.date,
    InstanceCreationTime: study.time,
    SyntheticData: "YES", // PS3.3 C.12.1: these pixels never came from a patient
    // Patient
    PatientName: patient.name,
    PatientID: patient.patientId,
    PatientBirthDate: patient.birthDate,
    PatientSex: patient.sex,
    PatientAge: patientAge(patient.birthDate, study.date),
    // General Study
    StudyInstanceUID: identity.studyInstanceUid,
    StudyDate: study.date,
    StudyTime: study.time,
    ReferringPhysicianName: study.referringPhysician,
    StudyID: study.studyId,
    AccessionNumber: study.accessionNumber,
    StudyDescription: study.description,
    // General Series
    Modality: "CT",
    SeriesInstanceUID: identity.seriesInstanceUid,
    SeriesNumber: series.number,
    SeriesDate: study.date,
    SeriesTime: study.time,
    SeriesDescription: series.description,
    BodyPartExamined: series.bodyPart,
    PatientPosition: "HFS",
    // Frame of Reference
    FrameOfReferenceUID: identity.frameOfReferenceUid,
    PositionReferenceIndicator: "",
    // General Equipment
    Manufacturer: "Carrier demo",
    ManufacturerModelName: "Synthetic chest phantom",
    InstitutionName: study.institution,
    SoftwareVersions: CARRIER_IMPLEMENTATION_VERSION_NAME,
    // General Image and General Acquisition
    InstanceNumber: instanceNumber,
    AcquisitionNumber: 1,
    AcquisitionDate: study.date,
    AcquisitionTime: study.time,
    ContentDate: study.date,
    ContentTime: study.time,
    ImageType: ["ORIGINAL", "PRIMARY", "AXIAL"],
    BurnedInAnnotation: "NO",
    // Image Plane
    PixelSpacing: [pixelSpacing, pixelSpacing],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    ImagePositionPatient: [
      decimal((-(columns - 1) / 2) * pixelSpacing),
      decimal((-(rows - 1) / 2) * pixelSpacing),
      z,
    ],
    SliceThickness: SLICE_THICKNESS_MM,
    SliceLocation: z,
    // CT Image
    KVP: 120,
    DataCollectionDiameter: 500,
    ReconstructionDiameter: RECONSTRUCTION_DIAMETER_MM,
    GantryDetectorTilt: 0,
    TableHeight: 150,
    RotationDirection: "CW",
    ExposureTime: 500,
    XRayTubeCurrent: 200,
    FilterType: "BODY",
    ConvolutionKernel: "STANDARD",
    RescaleIntercept: RESCALE_INTERCEPT,
    RescaleSlope: 1,
    RescaleType: "HU",
    // VOI LUT: a soft-tissue window
    WindowCenter: 40,
    WindowWidth: 400,
    WindowCenterWidthExplanation: "SOFT TISSUE",
    // Image Pixel
    SamplesPerPixel: 1,
    PhotometricInterpretation: "MONOCHROME2",
    Rows: rows,
    Columns: columns,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    PixelData: [encodePixels(hounsfield)],
    _vrMap: { PixelData: "OW" },
  };
}

/**
 * A small synthetic chest CT series as DICOM Part 10 files (CT Image Storage, Explicit VR
 * Little Endian), for demo data and tests. Options are validated; a bad one throws a ZodError.
 */
export function syntheticCtSeries(input: SyntheticCtOptions): SyntheticInstance[] {
  const options = syntheticCtOptionsSchema.parse(input);
  const identity = resolveIdentity(options);
  return Array.from({ length: options.slices }, (_, index) => {
    const instanceNumber = index + 1;
    const sopInstanceUid = options.seed
      ? seededDicomUid(options.seed, "instance", options.series.number, instanceNumber)
      : randomDicomUid();
    const dataset = ctImageDataset(options, identity, instanceNumber, sopInstanceUid);
    return {
      sopInstanceUid,
      seriesInstanceUid: identity.seriesInstanceUid,
      studyInstanceUid: identity.studyInstanceUid,
      instanceNumber,
      bytes: writePart10(dataset),
    };
  });
}
