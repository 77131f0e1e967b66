import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test, vi } from "vitest";

const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { PlatformModels, type ScoringModel } from "./platform-models";

function model(version: number, state: ScoringModel["state"], extra: Partial<ScoringModel> = {}): ScoringModel {
  return {
    id: `00000000-0000-4000-8000-00000000000${version}`,
    platform: "tiktok",
    version,
    kind: "linear",
    state,
    weights: { hook: 0.4, faces: 0.6 },
    baseline: 0,
    metrics: {
      ndcg5_candidate: 0.95, ndcg5_active: 0.8, active_version: null, improvement: 0.1875,
      required_improvement: 0.1, results: 400, train_rows: 300, heldout_rows: 100, groups: 60,
      heldout_groups: 20, period_from: null, period_to: null, prior_strength: 0.05, enough_data: true,
    },
    training_rows: 300,
    trained_by_id: null,
    activated_at: state === "active" ? "2026-12-05T10:00:00Z" : null,
    activated_by_id: null,
    note: "Ranks the later period 19% better than the scorer in use: activated.",
    created_at: "2026-12-05T10:00:00Z",
    ...extra,
  };
}

function renderModels(models: ScoringModel[], canDecide: boolean) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <PlatformModels platform="tiktok" models={models} canDecide={canDecide} />
    </QueryClientProvider>,
  );
}

afterEach(() => fetchMock.mockReset());

describe("a platform's scoring versions", () => {
  test("shows the version in use and each run's held-out NDCG@5 against the scorer in use", () => {
    renderModels([model(2, "active"), model(1, "retired")], false);
    expect(screen.getByText(/Version 2 \(linear\) scores new TikTok clips/)).toBeInTheDocument();
    const rows = screen.getAllByRole("row");
    expect(within(rows[1]!).getByText("0.950 / 0.800 (+19%)")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("300 / 100")).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument(); // not an admin
  });

  test("too little data is said in words", () => {
    const note = "Not enough data to learn from: 6 labelled TikTok results in 2 videos with two clips or more.";
    const metrics = { ...model(1, "candidate").metrics, enough_data: false, ndcg5_candidate: null };
    renderModels([model(1, "candidate", { kind: "prior", note, metrics })], true);
    expect(screen.getByText("The default weights score TikTok clips.")).toBeInTheDocument();
    expect(screen.getAllByText(note)).toHaveLength(2); // the banner and the run's note
  });

  test("an admin rolls back to an older version", async () => {
    document.cookie = "stakazo_csrf=csrf-9";
    fetchMock.mockResolvedValue(Response.json(model(1, "active")));
    renderModels([model(2, "active"), model(1, "retired")], true);
    await userEvent.click(screen.getByRole("button", { name: "Roll back to version 1" }));

    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0]![0];
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/v1/scoring/models/00000000-0000-4000-8000-000000000001/activate");
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-9");
  });
});
