import { describe, expect, test } from "vitest";
import { safeNext } from "./auth";

describe("the return path after signing in", () => {
  test("a local path is kept, with its query", () => {
    expect(safeNext("/clips/detail?id=42")).toBe("/clips/detail?id=42");
    expect(safeNext("/jobs")).toBe("/jobs");
  });

  test("anything that could leave the site goes to the overview", () => {
    for (const next of [null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/\tfoo", "signin"]) {
      expect(safeNext(next)).toBe("/");
    }
  });

  test("never back to the sign-in or registration page", () => {
    expect(safeNext("/signin?next=/jobs")).toBe("/");
    expect(safeNext("/register")).toBe("/");
  });
});
