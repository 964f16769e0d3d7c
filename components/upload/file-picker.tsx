"use client";

import { useRef, useState } from "react";
import type { DragEvent } from "react";
import type { PickedFile } from "./scan/scan";

// Three ways in: a whole folder (a CD's root), some files (or a zip), or dragging either here.
// The inputs are real, visually hidden file inputs behind their labels, so keyboards and screen
// readers use them as they use any file input.

const LABEL = "inline-flex min-h-12 cursor-pointer items-center justify-center rounded-lg px-6 py-3 font-semibold focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-focus";

function pickedFrom(list: FileList | null): PickedFile[] {
  return [...(list ?? [])].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

async function entryFiles(entry: FileSystemEntry, prefix: string): Promise<PickedFile[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ file, path: prefix + entry.name }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries gives at most 100 entries a call: read until it gives none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const nested = await Promise.all(children.map((child) => entryFiles(child, `${prefix}${entry.name}/`)));
  return nested.flat();
}

export function FilePicker({ onPick }: { onPick: (files: PickedFile[]) => void }) {
  const [dragging, setDragging] = useState(false);
  const folderInput = useRef<HTMLInputElement>(null);

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null);
    const files = (await Promise.all(entries.map((entry) => entryFiles(entry, "")))).flat();
    if (files.length > 0) onPick(files);
  };

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => void onDrop(event)}
      className={`rounded-xl border-2 border-dashed p-6 sm:p-8 ${dragging ? "border-brand bg-brand-soft" : "border-line-strong bg-surface"}`}
    >
      <div className="flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        <label className={`${LABEL} bg-brand text-white hover:bg-brand-strong`}>
          Choose a folder or CD
          <input
            ref={(element) => {
              folderInput.current = element;
              // Not in React's input attributes: set on the element so the browser offers folders.
              element?.setAttribute("webkitdirectory", "");
            }}
            type="file"
            multiple
            className="sr-only"
            onChange={(event) => onPick(pickedFrom(event.currentTarget.files))}
          />
        </label>
        <label className={`${LABEL} border-2 border-brand bg-surface text-brand-strong hover:bg-brand-soft`}>
          Choose files or a zip file
          <input type="file" multiple className="sr-only" onChange={(event) => onPick(pickedFrom(event.currentTarget.files))} />
        </label>
      </div>
      <p className="mt-4 text-ink-muted">Or drag a folder, files or a zip file here. Nothing is sent until you have checked what we found.</p>
    </div>
  );
}
