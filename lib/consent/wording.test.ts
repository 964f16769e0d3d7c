import { describe, expect, it } from "vitest";
import { PURPOSE_LABELS, STATEMENTS, TYPED_SIGNATURE_ATTESTATION } from "./wording";

// The words a patient signs stay at about a 6th-grade reading level: Flesch-Kincaid grade,
// with the usual vowel-group syllable count (a heuristic, but the same one every time).

function syllables(word: string): number {
  const letters = word.toLowerCase().replace(/[^a-z]/g, "");
  if (letters.length <= 3) return 1;
  const trimmed = letters.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, "").replace(/^y/, "");
  return trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 1;
}

function gradeLevel(text: string): number {
  const sentences = text.split(/[.!?]+/).filter((sentence) => sentence.trim()).length;
  const words = text.split(/\s+/).filter(Boolean);
  const syllableCount = words.reduce((sum, word) => sum + syllables(word), 0);
  return 0.39 * (words.length / sentences) + 11.8 * (syllableCount / words.length) - 15.59;
}

describe("consent wording", () => {
  it("every statement of every version reads at a 6th-grade level or below", () => {
    for (const version of Object.values(STATEMENTS)) {
      for (const statement of Object.values(version)) expect(gradeLevel(statement), statement).toBeLessThanOrEqual(6.5);
    }
    expect(gradeLevel(TYPED_SIGNATURE_ATTESTATION)).toBeLessThanOrEqual(6.5);
    for (const label of Object.values(PURPOSE_LABELS)) expect(label.split(" ").length).toBeLessThanOrEqual(5);
  });

  it("the measure tells plain words from legal ones", () => {
    expect(gradeLevel("You can take it back at any time.")).toBeLessThan(4);
    expect(gradeLevel("Information disclosed pursuant to this authorization may be subject to redisclosure by the recipient and no longer protected by federal regulations.")).toBeGreaterThan(12);
  });
});
