import { describe, expect, it } from "vitest";
import { isCrossSite } from "./cross-site";

const URL = "https://carrier.example";

describe("isCrossSite", () => {
  it("believes the browser's Sec-Fetch-Site, and falls back to Origin (where null means the page hid it)", () => {
    expect(isCrossSite(new Headers({ "sec-fetch-site": "same-origin", origin: "null" }), URL)).toBe(false);
    expect(isCrossSite(new Headers({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }), URL)).toBe(true);
    expect(isCrossSite(new Headers({ "sec-fetch-site": "same-site" }), URL)).toBe(true);
    expect(isCrossSite(new Headers({ origin: "https://evil.example" }), URL)).toBe(true);
    expect(isCrossSite(new Headers({ origin: "https://carrier.example" }), URL)).toBe(false);
    // Not a browser (Orthanc, curl): nothing to forge a user's request with.
    expect(isCrossSite(new Headers({}), URL)).toBe(false);
  });
});
