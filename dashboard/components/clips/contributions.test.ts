import { describe, expect, test } from "vitest";
import { breakdownPlatforms, contributionRows, featureLabel } from "./contributions";

// As GET /v1/clips/{id} answers it (backend/clips/service.py breakdown()).
const breakdown = {
  youtube: {
    hook: { value: 0.5, weight: 0.2, contribution: 0.1 },
    silence_ratio: { value: 0.8, weight: -0.15, contribution: -0.12 },
    duration_fit: { value: 1, weight: 0.2, contribution: 0.2 },
  },
  tiktok: {
    hook: { value: 0.5, weight: 0.3, contribution: 0.15 },
    brand_new_feature: { value: 0.1, weight: 0.1, contribution: 0.01 },
  },
  instagram: {},
};

describe("contribution chart data", () => {
  test("one row per feature, the largest effect first, negative ones kept negative", () => {
    expect(contributionRows(breakdown, "youtube")).toEqual([
      { feature: "duration_fit", label: "Length fit", value: 1, weight: 0.2, contribution: 0.2 },
      { feature: "silence_ratio", label: "Silence", value: 0.8, weight: -0.15, contribution: -0.12 },
      { feature: "hook", label: "Hook", value: 0.5, weight: 0.2, contribution: 0.1 },
    ]);
  });

  test("unknown features get a readable label; an unknown platform has no rows", () => {
    expect(contributionRows(breakdown, "tiktok").map((r) => r.label)).toEqual(["Hook", "Brand new feature"]);
    expect(featureLabel("speech_density")).toBe("Speech density");
    expect(contributionRows(breakdown, "myspace")).toEqual([]);
    expect(contributionRows(breakdown, "instagram")).toEqual([]);
  });

  test("platforms come in a fixed order", () => {
    expect(breakdownPlatforms(breakdown)).toEqual(["tiktok", "instagram", "youtube"]);
    expect(breakdownPlatforms({})).toEqual([]);
  });
});
