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

/**
 * The transfer syntaxes the client accepts for parts of `partType` in a multipart/related
 * response: "*" for any (the stored one), else UIDs; an empty list when it accepts none.
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

/** Whether the client takes one of these single-part media types (or anything). */
export function acceptsAny(header: string | null, types: readonly string[]): boolean {
  return parseAccept(header).some((range) => range.type === "*/*" || types.includes(range.type) || (range.type.endsWith("/*") && types.some((type) => type.startsWith(range.type.slice(0, -1)))));
}

/**
 * Which of `types` (single-part media types, Carrier's preference first) to answer with: the
 * client's highest q-value wins, then the order it listed them; undefined when it takes none.
 */
export function preferredType<T extends string>(header: string | null, types: readonly T[]): T | undefined {
  const ranges = parseAccept(header)
    .map((range, order) => ({ ...range, order, q: Number(range.params.get("q") ?? 1) }))
    .filter((range) => Number.isFinite(range.q) && range.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const range of ranges) {
    const match = types.find((type) => range.type === "*/*" || range.type === type || (range.type.endsWith("/*") && type.startsWith(range.type.slice(0, -1))));
    if (match) return match;
  }
  return undefined;
}
