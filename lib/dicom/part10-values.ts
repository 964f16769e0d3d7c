import { HEADER_ATTRIBUTES } from "./part10-tags";
import type { HeaderAttributeName } from "./part10-tags";

type KindOf<Name extends HeaderAttributeName> = (typeof HEADER_ATTRIBUTES)[Name]["kind"];

/** The decoded top-level attributes: strings for text VRs, numbers for US and IS. */
export type HeaderAttributes = {
  -readonly [Name in HeaderAttributeName]?: KindOf<Name> extends "text" ? string : number;
};

// No attribute Carrier keeps is anywhere near this long; a bigger length means a corrupt file.
export const MAX_ATTRIBUTE_BYTES = 64 * 1024;

/** Strings lose trailing padding (space, or NUL after UIDs) and keep every other byte. */
function decodeText(value: Uint8Array, characterSet: string | undefined): string {
  // ISO_IR 192 is UTF-8; other character sets are read as Latin-1, which never fails and
  // keeps ASCII (every UID, date and code) exact.
  const encoding = characterSet?.includes("ISO_IR 192") ? "utf8" : "latin1";
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    .toString(encoding)
    .replace(/[\0 ]+$/, "");
}

/** IS: an integer written in ASCII; only the first of several values is kept. */
function decodeIntegerString(value: Uint8Array): number | undefined {
  const first = decodeText(value, undefined).split("\\")[0]!.trim();
  return /^[+-]?\d+$/.test(first) ? Number(first) : undefined;
}

function decodeUint16(value: Uint8Array, littleEndian: boolean): number | undefined {
  if (value.length < 2) return undefined;
  return new DataView(value.buffer, value.byteOffset, value.byteLength).getUint16(0, littleEndian);
}

/** Stores one attribute's value; an empty or unreadable optional value is simply left out. */
export function decodeAttribute(
  attributes: HeaderAttributes,
  name: HeaderAttributeName,
  value: Uint8Array,
  littleEndian: boolean,
): void {
  const kind: string = HEADER_ATTRIBUTES[name].kind;
  const decoded =
    kind === "uint16"
      ? decodeUint16(value, littleEndian)
      : kind === "integerString"
        ? decodeIntegerString(value)
        : decodeText(value, attributes.specificCharacterSet) || undefined;
  if (decoded !== undefined) Object.assign(attributes, { [name]: decoded });
}
