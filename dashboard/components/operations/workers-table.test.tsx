import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { applyEvent } from "@/lib/events";
import type { WorkerStatus } from "@/lib/operations-types";
import { WorkersView } from "./workers-table";

function worker(name: string, state: WorkerStatus["state"], active: WorkerStatus["active"] = []): WorkerStatus {
  const now = new Date().toISOString();
  return { name, hostname: "host", pid: 42, queues: ["media", "default"], concurrency: 2, state, started_at: now, seen_at: now, processed: 1234, active };
}

const api = vi.hoisted(() => {
  const state = { workers: [] as unknown[], calls: 0 };
  globalThis.fetch = async () => {
    state.calls += 1;
    return new Response(JSON.stringify({ heartbeat_seconds: 5, workers: state.workers }), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

describe("the workers page", () => {
  test("missing workers first, what each runs now, and each snapshot event has the list fetched again", async () => {
    api.workers = [
      worker("beat@host", "stopped"),
      worker("media@host", "alive", [{ task: "media.process", job_id: "j1", started_at: new Date().toISOString() }]),
      worker("render@host", "missing"),
    ];
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <WorkersView />
      </QueryClientProvider>,
    );
    const table = await screen.findByRole("table");
    const names = within(table).getAllByRole("rowheader").map((cell) => cell.textContent?.split("host")[0]);
    expect(names).toEqual(["render@", "media@", "beat@"]);
    expect(within(table).getByRole("link", { name: "Process video" })).toHaveAttribute("href", "/jobs?state=running");
    expect(screen.getByTestId("workers-alive")).toHaveTextContent("1");
    expect(screen.getByTestId("workers-missing")).toHaveTextContent("1");

    api.workers = [worker("media@host", "alive"), worker("render@host", "alive")];
    act(() =>
      applyEvent(client, {
        id: "1-0",
        type: "telemetry.snapshot",
        workspace_id: "ws",
        subject_id: null,
        at: new Date().toISOString(),
        data: { taken_at: new Date().toISOString(), scope: "workspace", metrics: { "workers.alive": 2 } },
      }),
    );
    await waitFor(() => expect(screen.getByTestId("workers-alive")).toHaveTextContent("2"));
    expect(screen.getAllByText("Idle")).toHaveLength(2);
    expect(api.calls).toBe(2);
  });
});
