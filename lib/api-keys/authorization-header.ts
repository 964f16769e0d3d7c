// The key a client presented in its Authorization header (RFC 7235), or null. Two forms:
//   Authorization: Bearer <key>
//   Authorization: Basic base64(<username>:<key>)
// Basic is for peers that can send nothing else: Orthanc's DicomWeb.Servers takes only a Username
// and a Password. The username is ignored, whatever it is: it carries no secret (the key's prefix
// is inside the key already), so requiring a particular one would add a way to misconfigure a
// peer without making anything safer. Admins are told to put the key's prefix there, for their
// own records.

/** Longer than any header that could hold one of our keys: refused before any work. */
const MAX_HEADER_LENGTH = 512;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function presentedApiKey(authorization: string | null | undefined): string | null {
  if (!authorization || authorization.length > MAX_HEADER_LENGTH) return null;
  const match = /^\s*([A-Za-z]+) +(\S+)\s*$/.exec(authorization);
  if (!match) return null;
  const [, scheme = "", credentials = ""] = match;
  switch (scheme.toLowerCase()) {
    case "bearer":
      return credentials;
    case "basic": {
      if (!BASE64.test(credentials)) return null;
      const decoded = Buffer.from(credentials, "base64").toString("utf8");
      // RFC 7617: the username ends at the first colon; the password may contain more.
      const colon = decoded.indexOf(":");
      return colon === -1 ? null : decoded.slice(colon + 1);
    }
    default:
      return null;
  }
}
