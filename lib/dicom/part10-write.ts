import dcmjs from "dcmjs";
import type { NaturalizedDataset } from "dcmjs";

const { DicomDict, DicomMetaDictionary } = dcmjs.data;

/** Identifies files Carrier writes (PS3.7 D.3.3.2); fixed forever, derived once from "Carrier DICOM implementation". */
export const CARRIER_IMPLEMENTATION_CLASS_UID = "2.25.37633490174537334469701985797785532264";
export const CARRIER_IMPLEMENTATION_VERSION_NAME = "CARRIER_0.1";
export const EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

function requiredUid(dataset: NaturalizedDataset, keyword: "SOPClassUID" | "SOPInstanceUID"): string {
  const value = dataset[keyword];
  if (typeof value !== "string" || value.length === 0) {
    throw new Error(`Cannot write a Part 10 file without ${keyword} in the data set`);
  }
  return value;
}

/**
 * Encodes a naturalized data set as a DICOM Part 10 file in Explicit VR Little Endian,
 * the one syntax dcmjs writes natively. The file meta group names Carrier as the writer,
 * not dcmjs, so files can be traced back to us.
 */
export function writePart10(dataset: NaturalizedDataset): Uint8Array {
  const fileMeta: NaturalizedDataset = {
    FileMetaInformationVersion: new Uint8Array([0x00, 0x01]).buffer,
    MediaStorageSOPClassUID: requiredUid(dataset, "SOPClassUID"),
    MediaStorageSOPInstanceUID: requiredUid(dataset, "SOPInstanceUID"),
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: CARRIER_IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: CARRIER_IMPLEMENTATION_VERSION_NAME,
  };
  const file = new DicomDict(DicomMetaDictionary.denaturalizeDataset(fileMeta));
  file.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(file.write());
}
