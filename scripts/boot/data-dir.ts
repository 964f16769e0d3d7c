import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { ConfigError } from "../../lib/env";

// Data folders hold patient images and the embedded database: check early, in plain words, that
// Carrier can write there, before anything else starts.

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the disk is read-only",
  ENOTDIR: "part of the path is a file, not a folder",
  ENOSPC: "the disk is full",
  EEXIST: "a file with that name is in the way",
};

export async function ensureWritableFolder(folder: string, setting: string, mode = 0o755): Promise<void> {
  try {
    await mkdir(folder, { recursive: true, mode });
    const probe = `${folder}/.write-check-${randomBytes(4).toString("hex")}`;
    await writeFile(probe, "");
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const reason = REASONS[code] ?? (error as Error).message;
    throw new ConfigError(`Carrier cannot write to the folder ${folder} (${reason}); set ${setting} to a folder it can write to.`);
  }
}
