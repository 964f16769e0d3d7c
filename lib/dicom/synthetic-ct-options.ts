import { z } from "zod";
import { isDicomUid } from "./uid";

// Values land in DICOM elements verbatim, so each is held to its VR's rules (PS3.5 6.2):
// a backslash would split a value in two, and over-long values make the file invalid.
const fitsOneValue = (value: string) => [...value].every((character) => character >= " " && character !== "\\");

const text = (maxLength: number) =>
  z.string().max(maxLength).refine(fitsOneValue, "no backslashes or control characters");
const shortString = text(16); // SH
const longString = text(64); // LO
const personName = text(64).regex(/^[^^]*(\^[^^]*){0,4}$/, 'a DICOM person name, "Family^Given"'); // PN
const codeString = z.string().regex(/^[A-Z0-9 _]{1,16}$/, "upper-case letters, digits, space or _"); // CS
const dicomDate = z
  .string()
  .regex(/^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, "a DICOM date, YYYYMMDD"); // DA
const dicomTime = z.string().regex(/^([01]\d|2[0-3])[0-5]\d[0-5]\d$/, "a DICOM time, HHMMSS"); // TM
const dicomUid = z.string().refine(isDicomUid, "a DICOM UID: digits and dots, at most 64 characters");
const matrixSize = z.number().int().min(16).max(1024);

export const syntheticCtOptionsSchema = z.object({
  patient: z.object({
    name: personName.min(1),
    patientId: longString.min(1),
    birthDate: dicomDate,
    sex: z.enum(["F", "M", "O"]),
  }),
  study: z.object({
    studyInstanceUid: dicomUid.optional(),
    studyId: shortString.default("1"),
    date: dicomDate,
    time: dicomTime.default("090000"),
    accessionNumber: shortString.default(""),
    description: longString.default("CT CHEST"),
    institution: longString.default(""),
    referringPhysician: personName.default(""),
  }),
  series: z
    .object({
      seriesInstanceUid: dicomUid.optional(),
      number: z.number().int().min(1).max(99999).default(1),
      description: longString.default("Axial 5.0 mm"),
      bodyPart: codeString.default("CHEST"),
    })
    .prefault({}),
  slices: z.number().int().min(1).max(500).default(12),
  size: z.object({ rows: matrixSize.default(128), columns: matrixSize.default(128) }).prefault({}),
  /** Same seed, same UIDs and bytes; without one every UID is freshly random. */
  seed: z.string().min(1).optional(),
});

export type SyntheticCtOptions = z.input<typeof syntheticCtOptionsSchema>;
export type ResolvedSyntheticCtOptions = z.output<typeof syntheticCtOptionsSchema>;
