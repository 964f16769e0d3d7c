import { describe, expect, it } from "vitest";
import { downloadFileName } from "./file-name";

describe("downloadFileName", () => {
  it("names the zip by the study's date and description, in safe ASCII", () => {
    expect(downloadFileName({ studyDate: new Date("2026-01-02T00:00:00Z"), description: "CT Chest/Abdomen w+wo contrast" })).toBe("study-2026-01-02-ct-chest-abdomen-w-wo-contrast.zip");
    expect(downloadFileName({ studyDate: null, description: "Échographie « cœur »" })).toBe("study-echographie-c-ur.zip");
    expect(downloadFileName({ studyDate: null, description: '..\\..\\evil"; name=x' })).toBe("study-evil-name-x.zip");
    expect(downloadFileName({ studyDate: new Date("2026-01-02T00:00:00Z"), description: null })).toBe("study-2026-01-02.zip");
    expect(downloadFileName({ studyDate: null, description: "   " })).toBe("study.zip");
    expect(downloadFileName({ studyDate: null, description: "X".repeat(200) })).toBe(`study-${"x".repeat(40)}.zip`);
  });
});
