import { describe, expect, test } from "vitest";
import { type CalendarItem, dayKey, placeItems, planMove, startOfWeek, step, visibleDays, windowOf, withMoved } from "./calendar-logic";

function item(extra: Partial<CalendarItem> = {}): CalendarItem {
  return {
    publication_id: "p1", clip_id: "c1", asset_name: "talk.mp4", cover_url: null, preview_url: null,
    account_id: "a1", account_name: "Brand", account_handle: "brand", platform: "tiktok",
    at: new Date(2030, 0, 9, 18, 30).toISOString(), state: "scheduled", caption: "Hello",
    campaign_id: null, approvals: { count: 1, required: 1 }, ...extra,
  };
}

const NOW = new Date(2030, 0, 8, 12, 0).getTime(); // Tuesday 8 January 2030, noon

describe("the calendar's days and window", () => {
  test("a week starts on Monday and the window ends at the midnight after Sunday", () => {
    const days = visibleDays("week", new Date(2030, 0, 9, 15));
    expect(days.map(dayKey)).toEqual(["2030-01-07", "2030-01-08", "2030-01-09", "2030-01-10", "2030-01-11", "2030-01-12", "2030-01-13"]);
    expect(windowOf(days)).toEqual({ from: new Date(2030, 0, 7).toISOString(), to: new Date(2030, 0, 14).toISOString() });
    expect(dayKey(startOfWeek(new Date(2030, 0, 13, 23)))).toBe("2030-01-07");
  });

  test("a month shows whole weeks around it", () => {
    const days = visibleDays("month", new Date(2030, 0, 20));
    expect(days.length % 7).toBe(0);
    expect(dayKey(days[0]!)).toBe("2029-12-31");
    expect(dayKey(days[days.length - 1]!)).toBe("2030-02-03");
    expect(dayKey(step("month", new Date(2030, 0, 31), 1))).toBe("2030-02-01");
    expect(dayKey(step("week", new Date(2030, 0, 9), -1))).toBe("2030-01-02");
  });

  test("posts are placed by local day and hour", () => {
    const placed = placeItems([item(), item({ publication_id: "p2", at: new Date(2030, 0, 9, 18, 5).toISOString() })]);
    expect(placed.get("2030-01-09")?.map((i) => i.publication_id)).toEqual(["p1", "p2"]);
    expect(placed.get("2030-01-09@18")?.length).toBe(2);
    expect(placed.get("2030-01-09@17")).toBeUndefined();
  });
});

describe("dragging a post", () => {
  test("to another hour keeps its minutes; to another day (month view) keeps its time of day", () => {
    expect(planMove(item(), new Date(2030, 0, 10), 9, NOW)).toEqual({ ok: true, at: new Date(2030, 0, 10, 9, 30).toISOString() });
    expect(planMove(item(), new Date(2030, 0, 12), null, NOW)).toEqual({ ok: true, at: new Date(2030, 0, 12, 18, 30).toISOString() });
  });

  test("published posts and posts on their way stay where they are", () => {
    expect(planMove(item({ state: "published" }), new Date(2030, 0, 10), 9, NOW)).toEqual({ ok: false, reason: "A published post stays where it went out." });
    const moving = planMove(item({ state: "uploading" }), new Date(2030, 0, 10), 9, NOW);
    expect(moving).toEqual({ ok: false, reason: "A post that is uploading can no longer move." });
  });

  test("nothing moves into the past or onto itself", () => {
    expect(planMove(item(), new Date(2030, 0, 8), 9, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining("in the future") });
    expect(planMove(item(), new Date(2030, 0, 9), 18, NOW)).toEqual({ ok: false, reason: "It is already there." });
  });

  test("the optimistic calendar moves the post and keeps the order", () => {
    const early = item({ publication_id: "early", at: new Date(2030, 0, 9, 8).toISOString() });
    const moved = withMoved([early, item()], "p1", new Date(2030, 0, 9, 7).toISOString());
    expect(moved.map((i) => i.publication_id)).toEqual(["p1", "early"]);
  });
});
