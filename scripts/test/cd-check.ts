import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Reads a downloaded study (a zip laid out like a CD) with tools that are not Carrier's: Info-ZIP's
// unzip, pydicom's FileSet (strict about the DICOMDIR's records and offsets), dcmtk's dcmdump and
// dcmftest, and dicom3tools' dciodvfy (the Basic Directory IOD's rules). For tests only.

export const SYSTEM_PYTHON = "/usr/bin/python3";

export type FileSetInstance = {
  fileId: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  recordType: string;
  /** The keys of the records above the file's, and of its own, by keyword ("" when empty). */
  patient: Record<string, string>;
  study: Record<string, string>;
  series: Record<string, string>;
  leaf: Record<string, string>;
  /** The SOP Instance UID read from the referenced file itself. */
  uidInFile: string;
};

/** `unzip -t`'s verdict, then the zip unpacked into a fresh folder inside `parent`. */
export function unpackZip(zip: string, parent: string): { folder: string; test: string } {
  const test = execFileSync("unzip", ["-tq", zip], { encoding: "utf8" });
  const folder = mkdtempSync(path.join(parent, "unpacked-"));
  execFileSync("unzip", ["-q", zip, "-d", folder]);
  return { folder, test };
}

/** Every file under a folder, as "/"-separated paths relative to it. */
export function filesUnder(folder: string, prefix = ""): string[] {
  return readdirSync(path.join(folder, prefix)).flatMap((name) => {
    const relative = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(folder, relative)).isDirectory() ? filesUnder(folder, relative) : [relative];
  });
}

export const sha256Of = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

const FILE_SET_SCRIPT = String.raw`
import json, sys, warnings
from pydicom import dcmread
from pydicom.fileset import FileSet
# What pydicom says about the file-set fails the check; its notices about its own API do not.
warnings.simplefilter("error")
warnings.simplefilter("ignore", DeprecationWarning)
warnings.simplefilter("ignore", ResourceWarning)

def keys(record):
    return {element.keyword: str(element.value) for element in record if element.tag.group not in (0x0004,)}

file_set = FileSet()
file_set.load(sys.argv[1], raise_orphans=True)
listing = []
for instance in file_set:
    levels = [node._record for node in reversed(instance.node.ancestors) if not node.is_root] + [instance.node._record]
    listing.append({
        # The record's own File ID (instance.FileID names where pydicom would move it).
        "fileId": "\\".join(instance.node._record.ReferencedFileID),
        "sopInstanceUid": instance.SOPInstanceUID,
        "sopClassUid": instance.SOPClassUID,
        "transferSyntaxUid": instance.TransferSyntaxUID,
        "recordType": instance.node.record_type,
        "patient": keys(levels[0]), "study": keys(levels[1]), "series": keys(levels[2]), "leaf": keys(levels[3]),
        "uidInFile": dcmread(instance.path, stop_before_pixels=True).SOPInstanceUID,
    })
print(json.dumps(listing))
`;

/** The instances the DICOMDIR lists, as pydicom's FileSet reads them; warnings and orphan records fail. */
export function readFileSet(dicomdir: string): FileSetInstance[] {
  return JSON.parse(execFileSync(SYSTEM_PYTHON, ["-c", FILE_SET_SCRIPT, dicomdir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })) as FileSetInstance[];
}

/** dcmdump's reading of a file: its exit status and anything it printed on stderr (warnings, errors). */
export function dcmdump(file: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("dcmdump", [file], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** dcmftest's verdict for each file: "yes" when it is a DICOM Part 10 file. */
export function dcmftest(files: readonly string[]): string[] {
  const result = spawnSync("dcmftest", files, { encoding: "utf8" });
  return result.stdout.trim().split("\n").map((line) => line.split(":")[0]!.trim());
}

/** dciodvfy's findings for a DICOMDIR checked against the Basic Directory IOD. */
export function dciodvfy(file: string): { errors: string[]; warnings: string[] } {
  const result = spawnSync("dciodvfy", [file], { encoding: "utf8" });
  const lines = `${result.stdout}${result.stderr}`.split("\n");
  return { errors: lines.filter((line) => line.startsWith("Error")), warnings: lines.filter((line) => line.startsWith("Warning")) };
}
