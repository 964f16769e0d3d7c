// dcmjs ships no types. This declares only the parts Carrier calls; widen it when a new
// call needs more, rather than casting at the call site.
declare module "dcmjs" {
  /** One element as dcmjs holds it between parsing and naturalizing: VR plus raw values. */
  export interface DicomElement {
    vr: string;
    Value: unknown[];
  }

  /** Elements keyed by tag, "GGGGEEEE" in upper-case hex, e.g. "00100010". */
  export type DenaturalizedDataset = Record<string, DicomElement>;

  /**
   * Elements keyed by keyword ("PatientName"). `_vrMap` names the VR of elements whose
   * dictionary VR is ambiguous (PixelData is OB or OW).
   */
  export type NaturalizedDataset = Record<string, unknown> & {
    _vrMap?: Record<string, string>;
  };

  export interface WriteOptions {
    allowInvalidVRLength?: boolean;
  }

  export interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  }

  export class DicomDict {
    constructor(meta: DenaturalizedDataset);
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    /** The whole Part 10 file: 128-byte preamble, "DICM", group 0002, then the data set. */
    write(options?: WriteOptions): ArrayBuffer;
  }

  export class DicomMessage {
    static readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDict;
  }

  export class DicomMetaDictionary {
    static denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
    static naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
  }

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: typeof DicomMessage;
      DicomMetaDictionary: typeof DicomMetaDictionary;
    };
  };
  export default dcmjs;
}
