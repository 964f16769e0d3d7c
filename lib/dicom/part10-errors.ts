import { AppError } from "../errors";

export type DicomFileErrorCode =
  | "not_dicom"
  | "no_meta"
  | "unsupported_transfer_syntax"
  | "truncated"
  | "missing_uid"
  | "header_too_large"
  | "malformed";

/**
 * A file the patient uploaded cannot be read as a DICOM image. `userMessage` says why in plain
 * words (shown on the upload page); `detail` says where, for the log only.
 */
export class DicomFileError extends AppError {
  declare readonly code: DicomFileErrorCode;

  constructor(
    code: DicomFileErrorCode,
    userMessage: string,
    readonly detail?: string,
  ) {
    // 422: the upload arrived whole but its content is not usable.
    super(code, 422, userMessage);
  }
}

export const truncatedFile = (detail: string) =>
  new DicomFileError(
    "truncated",
    "This file is cut short: it ends in the middle of its header. Copy it again from the CD.",
    detail,
  );

export const malformedFile = (detail: string) =>
  new DicomFileError(
    "malformed",
    "This DICOM file is damaged: its header does not follow the DICOM format, so it cannot be read.",
    detail,
  );
