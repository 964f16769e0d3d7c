import type { DenaturalizedDataset } from "dcmjs";

// Japanese, Korean and Chinese names are often written with ISO 2022 code extensions: a Specific
// Character Set of several values ("\ISO 2022 IR 87") and escape sequences switching between
// them inside one value (PS3.5 6.1.2.5). dcmjs decodes only with the first character set, so such
// values come out with the escape sequences and the raw bytes still in them. This decodes them
// again from those bytes; a value that still cannot be read is left out rather than shown garbled.

const ESCAPE = "\u001b";
// ESC, intermediate bytes, one final byte (ISO 2022).
// eslint-disable-next-line no-control-regex -- an escape sequence starts with the ESC control character
const ESCAPE_SEQUENCE = /\u001b[\u0020-\u002f]+[\u0030-\u007e]/g;
const TEXT_VRS = new Set(["LO", "LT", "PN", "SH", "ST", "UC", "UT"]);

/** A value dcmjs read with escape sequences in it, decoded; undefined when it cannot be. */
export function decodeIso2022(value: string): string | undefined {
  if (!value.includes(ESCAPE)) return value;
  // Decoded as one byte a character, the value still holds its bytes; any other character means it does not.
  if ([...value].some((character) => character.charCodeAt(0) > 0xff)) return undefined;
  const bytes = (text: string) => Buffer.from(text, "latin1");
  let decoded: string;
  if (value.includes(`${ESCAPE}$)C`)) decoded = new TextDecoder("euc-kr").decode(bytes(value.replace(ESCAPE_SEQUENCE, "")));
  else if (value.includes(`${ESCAPE}$)A`)) decoded = new TextDecoder("gb18030").decode(bytes(value.replace(ESCAPE_SEQUENCE, "")));
  else decoded = new TextDecoder("iso-2022-jp").decode(bytes(value));
  return decoded.includes("\ufffd") || decoded.includes(ESCAPE) ? undefined : decoded;
}

type PersonName = Record<string, unknown>;

function decodeValue(vr: string, value: unknown): unknown {
  if (typeof value === "string") return decodeIso2022(value) ?? "";
  if (vr !== "PN" || !value || typeof value !== "object") return value;
  // Each group of a name (alphabetic, ideographic, phonetic) stands alone: keep those that decode.
  return Object.fromEntries(Object.entries(value as PersonName).map(([group, text]) => [group, typeof text === "string" ? (decodeIso2022(text) ?? "") : text]));
}

/** Decodes, in place, the text values (nested items included) that dcmjs left with escape sequences. */
export function decodeCodeExtensions(dataset: DenaturalizedDataset): DenaturalizedDataset {
  for (const element of Object.values(dataset)) {
    if (element.vr === "SQ") (element.Value ?? []).forEach((item) => decodeCodeExtensions(item as DenaturalizedDataset));
    else if (TEXT_VRS.has(element.vr) && element.Value) element.Value = element.Value.map((value) => decodeValue(element.vr, value));
  }
  return dataset;
}
