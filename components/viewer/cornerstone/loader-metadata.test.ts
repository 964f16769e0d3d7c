import { describe, expect, it } from "vitest";
import { loaderMetadata } from "./loader-metadata";

describe("loaderMetadata", () => {
  it("reads a missing Modality as OT and leaves a present one alone", () => {
    expect(loaderMetadata({ "00280010": { vr: "US", Value: [64] } })["00080060"]).toEqual({ vr: "CS", Value: ["OT"] });
    expect(loaderMetadata({ "00080060": { vr: "CS", Value: ["MR"] } })["00080060"]).toEqual({ vr: "CS", Value: ["MR"] });
  });

  it("drops a window narrower than 1 and keeps a valid one", () => {
    const zero = loaderMetadata({ "00281050": { vr: "DS", Value: [0] }, "00281051": { vr: "DS", Value: [0] } });
    expect(zero["00281050"]).toBeUndefined();
    expect(zero["00281051"]).toBeUndefined();
    const valid = loaderMetadata({ "00281050": { vr: "DS", Value: ["40"] }, "00281051": { vr: "DS", Value: ["400"] } });
    expect(valid["00281051"]).toEqual({ vr: "DS", Value: ["400"] });
  });

  it("does not change what it was given", () => {
    const instance = { "00281050": { vr: "DS", Value: [0] }, "00281051": { vr: "DS", Value: [0] } };
    loaderMetadata(instance);
    expect(instance["00281051"]).toEqual({ vr: "DS", Value: [0] });
  });
});
