/** A tag as one number, group in the high 16 bits: (0020,000D) is 0x0020000d. */
export const tag = (group: number, element: number) => ((group << 16) | element) >>> 0;

export const groupOf = (value: number) => value >>> 16;

export const ITEM = tag(0xfffe, 0xe000);
export const ITEM_DELIMITATION = tag(0xfffe, 0xe00d);
export const SEQUENCE_DELIMITATION = tag(0xfffe, 0xe0dd);
/** Pixel Data and its float variants: the header ends where any of them begins. */
export const PIXEL_DATA_TAGS = new Set([tag(0x7fe0, 0x0010), tag(0x7fe0, 0x0008), tag(0x7fe0, 0x0009)]);

export const FILE_META_GROUP_LENGTH = tag(0x0002, 0x0000);
export const MEDIA_STORAGE_SOP_CLASS_UID = tag(0x0002, 0x0002);
export const MEDIA_STORAGE_SOP_INSTANCE_UID = tag(0x0002, 0x0003);
export const TRANSFER_SYNTAX_UID = tag(0x0002, 0x0010);

/** Value representations the header reader decodes; everything else is skipped unread. */
export type HeaderValueKind = "text" | "uint16" | "integerString";

/**
 * The top-level attributes Carrier keeps, with the kind of their dictionary VR, so implicit
 * VR files (which carry no VR) decode the same as explicit ones.
 */
export const HEADER_ATTRIBUTES = {
  specificCharacterSet: { tag: tag(0x0008, 0x0005), kind: "text" },
  sopClassUid: { tag: tag(0x0008, 0x0016), kind: "text" },
  sopInstanceUid: { tag: tag(0x0008, 0x0018), kind: "text" },
  studyDate: { tag: tag(0x0008, 0x0020), kind: "text" },
  studyTime: { tag: tag(0x0008, 0x0030), kind: "text" },
  accessionNumber: { tag: tag(0x0008, 0x0050), kind: "text" },
  modality: { tag: tag(0x0008, 0x0060), kind: "text" },
  institutionName: { tag: tag(0x0008, 0x0080), kind: "text" },
  referringPhysicianName: { tag: tag(0x0008, 0x0090), kind: "text" },
  studyDescription: { tag: tag(0x0008, 0x1030), kind: "text" },
  seriesDescription: { tag: tag(0x0008, 0x103e), kind: "text" },
  patientName: { tag: tag(0x0010, 0x0010), kind: "text" },
  patientId: { tag: tag(0x0010, 0x0020), kind: "text" },
  patientBirthDate: { tag: tag(0x0010, 0x0030), kind: "text" },
  patientSex: { tag: tag(0x0010, 0x0040), kind: "text" },
  bodyPartExamined: { tag: tag(0x0018, 0x0015), kind: "text" },
  studyInstanceUid: { tag: tag(0x0020, 0x000d), kind: "text" },
  seriesInstanceUid: { tag: tag(0x0020, 0x000e), kind: "text" },
  seriesNumber: { tag: tag(0x0020, 0x0011), kind: "integerString" },
  instanceNumber: { tag: tag(0x0020, 0x0013), kind: "integerString" },
  numberOfFrames: { tag: tag(0x0028, 0x0008), kind: "integerString" },
  rows: { tag: tag(0x0028, 0x0010), kind: "uint16" },
  columns: { tag: tag(0x0028, 0x0011), kind: "uint16" },
} as const satisfies Record<string, { tag: number; kind: HeaderValueKind }>;

export type HeaderAttributeName = keyof typeof HEADER_ATTRIBUTES;

export const HEADER_ATTRIBUTE_BY_TAG = new Map<number, HeaderAttributeName>(
  Object.entries(HEADER_ATTRIBUTES).map(([name, { tag: value }]) => [value, name as HeaderAttributeName]),
);
