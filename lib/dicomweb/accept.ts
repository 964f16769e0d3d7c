// What a client's Accept header allows for a multipart WADO-RS response (PS3.18 8.7.3): the
// part media type and which transfer syntaxes. A range without a transfer-syntax parameter means
// the default the caller passes: explicit VR little endian for frames; for whole instances
// Carrier sends each as stored (it does not transcode instances, and neither do the common
// archives for such requests).

export const DEFAULT_TRANSFER_SYNTAX = "1.2.840.10008.1.2.1";

type MediaRange = { type: string; params: Map<string, string> };

function parseAccept(header: string | null): MediaRange[] {
  if (!header || !header.trim()) return [{ type: "*/*", params: new Map() }];
  return header.split(",").map((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim());
    return {
      type: type.toLowerCase(),
      params: new Map(
        params.map((param) => {
          const [name = "", ...value] = param.split("=");
          return [name.trim().toLowerCase(), value.join("=").trim().replace(/^"|"$/g, "")];
        }),
      ),
    };
  });
}

/** The client's ranges, most preferred first: highest q-value, then the order it listed them. */
function byPreference(header: string | null): MediaRange[] {
  return parseAccept(header)
    .map((range, order) => ({ range, order, q: Number(range.params.get("q") ?? 1) }))
    .filter(({ q }) => Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map(({ range }) => range);
}

/**
 * The transfer syntaxes the client accepts for `partType`, alone or as the parts of a
 * multipart/related response: "*" for any (the stored one), else UIDs; an empty list when it
 * accepts none.
 */
export function acceptedTransferSyntaxes(header: string | null, partType: string, defaultSyntax: string): string[] {
  const syntaxes: string[] = [];
  for (const range of parseAccept(header)) {
    const part = range.params.get("type")?.toLowerCase();
    const multipart = range.type === "multipart/related" && (!part || part === partType || part === "*/*");
    const anything = range.type === "*/*" || range.type === "multipart/*" || range.type === partType;
    if (!multipart && !anything) continue;
    syntaxes.push(range.params.get("transfer-syntax") || (anything && !multipart ? "*" : defaultSyntax));
  }
  return syntaxes;
}

/**
 * Whether one frame or bulk data value goes out as a single `partType` body rather than as a
 * multipart/related message with one part (PS3.18 8.7.3.3 allows both): when the client's most
 * preferred range is that type itself. A browser parses a multipart answer by scanning every byte
 * for the boundary on its main thread; a single part is handed over as it came.
 */
export function prefersSinglePart(header: string | null, partType: string): boolean {
  return byPreference(header)[0]?.type === partType;
}

/** Whether the client takes one of these single-part media types (or anything). */
export function acceptsAny(header: string | null, types: readonly string[]): boolean {
  return parseAccept(header).some((range) => range.type === "*/*" || types.includes(range.type) || (range.type.endsWith("/*") && types.some((type) => type.startsWith(range.type.slice(0, -1)))));
}

/**
 * Which of `types` (single-part media types, Carrier's preference first) to answer with: the
 * client's highest q-value wins, then the order it listed them; undefined when it takes none.
 */
export function preferredType<T extends string>(header: string | null, types: readonly T[]): T | undefined {
  for (const range of byPreference(header)) {
    const match = types.find((type) => range.type === "*/*" || range.type === type || (range.type.endsWith("/*") && type.startsWith(range.type.slice(0, -1))));
    if (match) return match;
  }
  return undefined;
}
