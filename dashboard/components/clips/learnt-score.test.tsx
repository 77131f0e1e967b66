import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";

const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import LearntScore from "./learnt-score";

const CLIP = "11111111-2222-4333-8444-555555555555";

afterEach(() => fetchMock.mockReset());

describe("why this score, as the workspace's scorer sees it", () => {
  test("lists the top contributions, largest first, with the message", async () => {
    fetchMock.mockResolvedValue(
      Response.json({
        clip_id: CLIP, platform: "tiktok", score: 0.62, results: 412, enough_data: true, unexplored: false,
        model: { id: "00000000-0000-4000-8000-000000000003", version: 3, kind: "linear", state: "active" },
        message: "Scored with version 3, learnt from 300 TikTok results.",
        contributions: [
          { feature: "faces", value: 0.8, weight: 0.5, contribution: 0.4 },
          { feature: "baseline", value: 1, weight: 0.3, contribution: 0.3 },
          { feature: "hook", value: 0.5, weight: -0.16, contribution: -0.08 },
          { feature: "motion", value: 0, weight: 0.1, contribution: 0 },
        ],
      }),
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <LearntScore clipId={CLIP} platform="tiktok" />
      </QueryClientProvider>,
    );
    expect(await screen.findByText("Scored now 0.62 by learnt version 3")).toBeInTheDocument();
    expect(screen.getByText("Scored with version 3, learnt from 300 TikTok results.")).toBeInTheDocument();
    const items = screen.getAllByRole("listitem").map((li) => li.textContent);
    expect(items).toEqual(["Faces+0.400", "Baseline+0.300", "Hook-0.080", "Motion+0.000"]);
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe(`/v1/clips/${CLIP}/score`);
    expect(new URL(request.url).searchParams.get("platform")).toBe("tiktok");
  });
});
