import { describe, expect, test } from "vitest";
import { formatBytes, formatSeconds, timeAgo } from "./utils";

describe("timeAgo", () => {
  const now = Date.parse("2026-12-05T12:00:00Z");

  test("a moment either side of now is just now (clocks differ a little)", () => {
    expect(timeAgo("2026-12-05T12:00:01Z", now)).toBe("just now");
    expect(timeAgo("2026-12-05T11:59:55Z", now)).toBe("just now");
  });

  test("older moments read in the largest unit that fits", () => {
    expect(timeAgo("2026-12-05T11:59:30Z", now)).toBe("30 seconds ago");
    expect(timeAgo("2026-12-05T11:45:00Z", now)).toBe("15 minutes ago");
    expect(timeAgo("2026-12-05T09:00:00Z", now)).toBe("3 hours ago");
    expect(timeAgo("2026-12-03T12:00:00Z", now)).toBe("2 days ago");
    expect(timeAgo(null, now)).toBe("—");
  });
});

test("sizes and durations read as people write them", () => {
  expect(formatBytes(512)).toBe("512 B");
  expect(formatBytes(503.1 * 1024)).toBe("503.1 KB");
  expect(formatBytes(12.5 * 1024 * 1024)).toBe("12.5 MB");
  expect(formatSeconds(6.2)).toBe("0:06");
  expect(formatSeconds(125)).toBe("2:05");
  expect(formatSeconds(undefined)).toBe("—");
});
