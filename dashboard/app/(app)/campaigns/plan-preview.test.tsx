import type { Schemas } from "@stakazo/api-client";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { PlanPreview } from "./plan-preview";

const ACCOUNT = "a1b2c3d4-0000-4000-8000-000000000002";

const plan: Schemas["PlanOut"] = {
  applied: false,
  created: 0,
  kept: 1,
  picks: [
    {
      account_id: ACCOUNT, platform: "tiktok", slot_at: "2027-03-02T10:00:00Z",
      clip_id: "c1b2a3d4-0000-4000-8000-000000000001", asset_id: "f1b2a3d4-0000-4000-8000-000000000003",
      score: 0.82, exploration: false, reuse: 0, caption: "Growth is a habit.\n\n#brand", title: "Growth is a habit.",
      reason: { text: "Highest score left for TikTok (0.82); source new to this account", score: 0.82, constraint: null },
    },
    {
      account_id: ACCOUNT, platform: "tiktok", slot_at: "2027-03-03T10:00:00Z",
      clip_id: "c1b2a3d4-0000-4000-8000-000000000009", asset_id: "f1b2a3d4-0000-4000-8000-000000000003",
      score: 0.41, exploration: true, reuse: 0, caption: "Another one #brand", title: "Another one",
      reason: { text: "Exploration (10% of slots): a lower-ranked clip never published on TikTok, score 0.41", constraint: null },
    },
  ],
  skips: [
    { account_id: ACCOUNT, slot_at: "2027-03-04T10:00:00Z", constraint: "daily_quota", reason: "This account already has 15 posts on 2027-03-04." },
  ],
};

describe("PlanPreview", () => {
  test("shows every pick with its reason and every skip with its constraint", () => {
    render(<PlanPreview plan={plan} accountNames={{ [ACCOUNT]: "@brand" }} />);
    expect(screen.getByRole("status")).toHaveTextContent("Preview: 2 posts to place, 1 already there, 1 slots skipped.");
    const picks = screen.getByRole("table", { name: "Picks" });
    const rows = within(picks).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Highest score left for TikTok (0.82)");
    expect(rows[0]).toHaveTextContent("@brand (TikTok)");
    expect(within(rows[1]!).getByText("exploration")).toBeInTheDocument();
    const skips = screen.getByRole("table", { name: "Skipped slots" });
    expect(within(skips).getByText("daily quota")).toBeInTheDocument();
    expect(within(skips).getByText(/already has 15 posts/)).toBeInTheDocument();
  });

  test("an applied plan says what it wrote", () => {
    render(<PlanPreview plan={{ ...plan, applied: true, created: 2, picks: [], skips: [] }} accountNames={{}} />);
    expect(screen.getByRole("status")).toHaveTextContent("Applied: 2 new posts, 1 already there.");
    expect(screen.getByText("No new posts.")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Skipped slots" })).toBeNull();
  });
});
