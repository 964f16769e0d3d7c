import "server-only";
import { notFound } from "next/navigation";
import { ForbiddenError } from "./errors";

/**
 * For pages: what they read through the policy, or the not-found page when the policy refuses.
 * Another patient's (or organization's) record and one that does not exist look the same.
 */
export async function orNotFound<T>(reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
}
