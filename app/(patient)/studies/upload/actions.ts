"use server";

import { currentActor } from "@/lib/auth";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { batchTarget, closeBatch, expectInstances, openBatch, receivedFiles } from "@/lib/ingest/batch";
import type { ClosedStudy, ExpectedInstance } from "@/lib/ingest/batch";

type Result<T> = ({ ok: true } & T) | { ok: false; error: string };

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.userMessage };
    throw error;
  }
}

/**
 * Opens an upload with what the browser found, or continues the unfinished one named; then
 * `received` names the files that already arrived, which the page does not send again.
 */
export async function startUpload(patientId: string, expected: ExpectedInstance[], continueBatchId?: string): Promise<Result<{ batchId: string; received: string[] }>> {
  const actor = await currentActor();
  if (!actor) return { ok: false, error: "Please sign in again: your session ended." };
  return attempt(async () => {
    if (continueBatchId) {
      const target = await batchTarget(db(), actor, continueBatchId);
      if (target.patientId === patientId) return { batchId: target.batchId, received: await receivedFiles(db(), actor, target.batchId) };
    }
    return { batchId: (await openBatch(db(), actor, patientId, expected)).id, received: [] };
  });
}

/** Adds the images the browser will send, by their new UIDs, to a de-identified upload. */
export async function addExpected(batchId: string, expected: ExpectedInstance[]): Promise<Result<object>> {
  const actor = await currentActor();
  if (!actor) return { ok: false, error: "Please sign in again: your session ended." };
  return attempt(async () => {
    await expectInstances(db(), actor, batchId, expected);
    return {};
  });
}

/** Ends an upload: its studies are marked complete, or incomplete with what is missing. */
export async function finishUpload(batchId: string): Promise<Result<{ studies: ClosedStudy[] }>> {
  const actor = await currentActor();
  if (!actor) return { ok: false, error: "Please sign in again: your session ended." };
  return attempt(async () => ({ studies: await closeBatch(db(), actor, batchId) }));
}
