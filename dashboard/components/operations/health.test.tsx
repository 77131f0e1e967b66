import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { applyEvent, type StreamEvent } from "@/lib/events";
import type { Finding, HealthRun, RunDetail } from "@/lib/operations-types";
import { HealthBrowser, toFilters } from "./health-browser";
import { Report } from "./run-detail";

const session = vi.hoisted(() => ({ permissions: new Set<string>() }));
vi.mock("@/lib/session", () => ({
  useSession: () => ({ can: (permission: string) => session.permissions.has(permission) }),
}));

function run(more: Partial<HealthRun> = {}): HealthRun {
  return {
    id: "r1",
    trigger: "manual",
    state: "succeeded",
    outcome: "model",
    fallback_reason: null,
    provider: "openai",
    model: "gpt-test",
    score: 62,
    critical: false,
    dropped_claims: 1,
    tokens_in: 1200,
    tokens_out: 340,
    cost_usd: 0.0042,
    duration_ms: 5300,
    error: null,
    created_at: "2026-12-06T12:00:00Z",
    started_at: "2026-12-06T12:00:00Z",
    finished_at: "2026-12-06T12:00:05Z",
    ...more,
  };
}

const E1: Finding = { id: "E1", severity: "warning", title: "The media queue grows", cause: "queue_backlog", facts: ["queue media: 42 waiting"], count: 3 };
const E2: Finding = { id: "E2", severity: "critical", title: "Worker media@host is missing", cause: "worker_dead", facts: [], count: 1 };

function detail(more: Partial<RunDetail> = {}): RunDetail {
  return {
    ...run(),
    inputs_digest: null,
    tool_calls: [],
    findings: [E1, E2],
    answer: {
      summary: "Renders wait because a worker is gone.",
      hypotheses: [{ cause: "worker_dead", statement: "The media worker died, so the queue grows.", evidence: ["E2", "E1"], confidence: "high", cited: [E2, E1] }],
      recommendations: [{ action: "Restart the media worker.", reason: "Nothing takes media jobs.", evidence: ["E2"], cited: [E2] }],
      plan: [{ action: "Check the host's logs", evidence: ["E2"] }],
    },
    ...more,
  };
}

const api = vi.hoisted(() => {
  const state = { runs: {} as Record<string, unknown>, list: [] as unknown[], calls: [] as string[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    state.calls.push(`${request.method} ${url.pathname}${url.search}`);
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    if (request.method === "POST") return json(state.runs.r9, 202);
    if (url.pathname.startsWith("/v1/ai/health/runs/")) return json(state.runs[url.pathname.split("/").pop()!]);
    return json({ items: state.list, next_cursor: null });
  };
  return state;
});

function token(text: string, id: string, runId = "r9"): StreamEvent {
  return { id, type: "ai.health.token", workspace_id: "ws", subject_id: runId, at: "2026-12-06T12:00:01Z", data: { text } };
}

function show(node: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
  return client;
}

beforeEach(() => {
  api.calls = [];
  api.list = [];
});

describe("the AI health page", () => {
  test("an admin starts a check and reads the model's answer as it streams, in order", async () => {
    session.permissions = new Set(["telemetry:read", "telemetry:manage"]);
    api.runs.r9 = detail({ id: "r9", state: "queued", score: null, outcome: null, finished_at: null, answer: null, findings: [] });
    const client = show(<HealthBrowser />);
    expect(await screen.findByText("No health checks here")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Run a health check" }));
    expect(api.calls).toContain("POST /v1/ai/health/runs");
    const log = await screen.findByRole("log", { name: "The model's reasoning" });
    expect(log).toHaveTextContent("Waiting for the model…");

    act(() => {
      applyEvent(client, token("is ", "1796442497600-0"));
      applyEvent(client, token("The queue ", "1796442497515-0"));
      applyEvent(client, token("growing.", "1796442497700-0"));
      applyEvent(client, token("elsewhere", "1796442497800-0", "another-run"));
    });
    await waitFor(() => expect(log).toHaveTextContent("The queue is growing."));
    expect(log).not.toHaveTextContent("elsewhere");

    api.runs.r9 = detail({ id: "r9", score: 71 });
    act(() => applyEvent(client, { id: "1796442497900-0", type: "ai.health.state", workspace_id: "ws", subject_id: "r9", at: "", data: { state: "succeeded" } }));
    expect(await screen.findByRole("link", { name: "Read the full report" })).toHaveAttribute("href", "/health/detail?id=r9");
    expect(screen.getByRole("status")).toHaveTextContent("71");
    // What streamed stays on screen.
    expect(log).toHaveTextContent("The queue is growing.");
  });

  test("others cannot start a check, and see why; filters are sent as the API names them", async () => {
    session.permissions = new Set(["telemetry:read"]);
    api.list = [run()];
    show(<HealthBrowser />);
    const button = await screen.findByRole("button", { name: "Run a health check" });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription("Only admins can ask for a health check.");
    const table = await screen.findByRole("table");
    expect(within(table).getByRole("link", { name: /2026/ })).toHaveAttribute("href", "/health/detail?id=r1");

    await userEvent.type(screen.getByLabelText("Score from"), "20");
    await userEvent.type(screen.getByLabelText("Score to"), "90");
    await userEvent.selectOptions(screen.getByLabelText("Analysis"), "Rule-based");
    await userEvent.click(screen.getByLabelText("Critical only"));
    await userEvent.click(screen.getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(api.calls).toContain("GET /v1/ai/health/runs?min_score=20&max_score=90&outcome=deterministic&critical_only=true&limit=20"),
    );
    expect(toFilters({ min: "-5", max: "x", outcome: "", critical: false })).toEqual({
      min_score: 0,
      max_score: undefined,
      outcome: undefined,
      critical_only: undefined,
    });
  });
});

describe("a health check's report", () => {
  test("each hypothesis links to the findings it cites", () => {
    render(<Report run={detail()} />);
    const hypotheses = screen.getByRole("region", { name: "Hypotheses" });
    const links = within(hypotheses).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["#finding-E2", "#finding-E1"]);
    expect(links[0]).toHaveAccessibleName("E2: Worker media@host is missing");
    for (const link of links) expect(document.querySelector(link.getAttribute("href")!)).not.toBeNull();
    const findings = screen.getByRole("region", { name: "Findings" });
    expect(within(findings).getByText("The media queue grows").closest("li")).toHaveAttribute("id", "finding-E1");
    expect(within(findings).getByText("queue media: 42 waiting")).toBeInTheDocument();
    const plan = screen.getByRole("region", { name: "Action plan" });
    expect(within(plan).getByText("Check the host's logs")).toBeInTheDocument();
    expect(within(plan).getByRole("link", { name: /E2/ })).toHaveAttribute("href", "#finding-E2");
    const recommendations = screen.getByRole("region", { name: "Recommendations" });
    expect(recommendations).toHaveTextContent("Restart the media worker.");
    expect(within(recommendations).getByRole("link", { name: "E2: Worker media@host is missing" })).toHaveAttribute("href", "#finding-E2");
    const how = screen.getByRole("region", { name: "How it was analysed" });
    expect(how).toHaveTextContent("gpt-test");
    expect(how).toHaveTextContent("1,200 in · 340 out");
    expect(how).toHaveTextContent("$0.0042");
    expect(screen.queryByText(/Why rule-based/)).toBeNull();
  });

  test("a rule-based report says why the model did not answer", () => {
    render(<Report run={detail({ outcome: "deterministic", fallback_reason: "cost_cap_day", answer: null, provider: null, model: null })} />);
    expect(screen.getByText(/Why rule-based/).parentElement).toHaveTextContent("The day's spending cap was reached.");
    expect(screen.getByText("No hypothesis.")).toBeInTheDocument();
  });
});
