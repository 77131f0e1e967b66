import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { applyEvent } from "@/lib/events";
import { LiveCharts } from "./live-charts";

// next/dynamic as in the browser: the module loads, then renders.
vi.mock("next/dynamic", async () => {
  const { useEffect, useState } = await import("react");
  return {
    default: (load: () => Promise<unknown>) =>
      function Dynamic(props: Record<string, unknown>) {
        const [Loaded, setLoaded] = useState<React.ComponentType<Record<string, unknown>> | null>(null);
        useEffect(() => {
          void load().then((found) => setLoaded(() => (found as { default: React.ComponentType<Record<string, unknown>> }).default));
        }, []);
        return Loaded ? <Loaded {...props} /> : null;
      },
  };
});
// jsdom lays nothing out, so recharts draws nothing: the stand-in shows the rows it was given.
vi.mock("./live-chart", () => ({
  default: function Chart({ label, rows }: { label: string; rows: { at: number }[] }) {
    return (
      <div role="img" aria-label={label} data-points={rows.length}>
        {rows.map((row) => JSON.stringify(row)).join(" ")}
      </div>
    );
  },
}));

const api = vi.hoisted(() => {
  const state = { seen: [] as string[] };
  const series: Record<string, { at: string; value: number }[]> = {
    "queue.media.depth": [
      { at: "2026-12-06T11:58:00Z", value: 3 },
      { at: "2026-12-06T11:59:00Z", value: 4 },
    ],
    "jobs.running": [{ at: "2026-12-06T11:59:00Z", value: 1 }],
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    state.seen.push(`${url.pathname}${url.search}`);
    let body: unknown = {};
    if (url.pathname === "/v1/telemetry/snapshot") {
      body = {
        queues: [{ name: "media", depth: 4, consumers: 1 }],
        workers: [],
        metrics: { "queue.media.depth": 4, "jobs.running": 1, "jobs.queued": 0, "publications.published": 2, "jobs.failure_rate.5m": 0.1 },
      };
    } else if (url.pathname === "/v1/telemetry/series") {
      const metric = url.searchParams.get("metric")!;
      body = { metric, points: series[metric] ?? [] };
    }
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

describe("the overview's live charts", () => {
  test("load the last hour of each metric, then move with each snapshot event without a request", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <LiveCharts />
      </QueryClientProvider>,
    );
    const queues = await screen.findByRole("img", { name: "Queue depth, the last hour" });
    expect(queues).toHaveAttribute("data-points", "2");
    const series = api.seen.filter((url) => url.startsWith("/v1/telemetry/series"));
    expect(series.map((url) => new URL(url, "http://x").searchParams.get("metric")).sort()).toEqual([
      "jobs.failure_rate.5m",
      "jobs.queued",
      "jobs.running",
      "publications.published",
      "queue.media.depth",
    ]);
    expect(new URL(series[0]!, "http://x").searchParams.get("step")).toBe("60");
    const jobs = screen.getByTestId("chart-jobs");
    expect(within(jobs).getByText("Now: Running 1")).toBeInTheDocument();

    const before = api.seen.length;
    act(() =>
      applyEvent(client, {
        id: "1796442497515-0",
        type: "telemetry.snapshot",
        workspace_id: "ws-1",
        subject_id: null,
        at: "2026-12-06T12:00:00Z",
        data: { metrics: { "queue.media.depth": 7, "jobs.running": 2 } },
      }),
    );
    await waitFor(() => expect(queues).toHaveAttribute("data-points", "3"));
    expect(queues.textContent).toContain(`"queue.media.depth":7`);
    expect(within(jobs).getByText("Now: Running 2")).toBeInTheDocument();
    // Only the snapshot itself is fetched again (the event carried only metrics): no series.
    expect(api.seen.slice(before).filter((url) => url.startsWith("/v1/telemetry/series"))).toEqual([]);
  });
});
