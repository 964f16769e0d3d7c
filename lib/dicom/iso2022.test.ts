import { describe, expect, it } from "vitest";
import { decodeIso2022 } from "./iso2022";

// Values as dcmjs leaves them when a Specific Character Set has code extensions (taken from
// pydicom's charset_files): escape sequences and raw bytes, one byte a character.
describe("decodeIso2022", () => {
  it("decodes Japanese (JIS X 0208) and Korean (KS X 1001) values, and leaves plain text alone", () => {
    expect(decodeIso2022("\u001b$B;3ED\u001b(B^\u001b$BB@O:\u001b(B")).toBe("山田^太郎");
    expect(decodeIso2022("\u001b$)C\u00b1\u00e8\u00c8\u00f1\u00c1\u00df\u001b(B")).toBe("김희중");
    expect(decodeIso2022("Yamada^Tarou")).toBe("Yamada^Tarou");
  });

  it("gives up on what it cannot decode rather than return it garbled", () => {
    expect(decodeIso2022("\u001b$B;3ED\u001b(B\u4e00")).toBeUndefined();
    expect(decodeIso2022("\u001b$(D\u0030\u0021\u001b(B")).toBeUndefined();
  });
});
