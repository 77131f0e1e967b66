import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { applyEvent } from "@/lib/events";
import type { Alert } from "@/lib/operations-types";
import { AlertsBrowser } from "./alerts-browser";

const session = vi.hoisted(() => ({ permissions: new Set<string>() }));
vi.mock("@/lib/session", () => ({
  useSession: () => ({ can: (permission: string) => session.permissions.has(permission) }),
}));
const address = vi.hoisted(() => ({ search: "", replace: (to: string, options?: unknown) => void [to, options] }));
vi.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams(address.search),
  useRouter: () => ({ replace: (to: string, options?: unknown) => address.replace(to, options) }),
  usePathname: () => "/alerts",
}));

function alert(n: number, more: Partial<Alert> = {}): Alert {
  return {
    id: `a${n}`,
    scope: "instance",
    workspace_id: null,
    rule: "worker_missing",
    key: `worker_missing:media@host${n}`,
    severity: "critical",
    state: "open",
    title: `Worker ${n} is missing`,
    message: "No heartbeat for 90 s.",
    details: {},
    first_seen_at: new Date(Date.now() - 600_000).toISOString(),
    last_seen_at: new Date(Date.now() - 60_000).toISOString(),
    count: 3,
    resolved_at: null,
    acknowledged_at: null,
    acknowledged_by_id: null,
    silenced_until: null,
    silenced: false,
    ...more,
  };
}

const api = vi.hoisted(() => {
  const state = { alerts: [] as unknown[], calls: [] as { method: string; path: string; search: string; body: unknown }[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    const text = await request.clone().text();
    state.calls.push({ method: request.method, path: url.pathname, search: url.search, body: text ? JSON.parse(text) : null });
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    if (request.method === "POST") {
      const id = url.pathname.split("/")[3];
      const found = (state.alerts as { id: string }[]).find((a) => a.id === id);
      return json({ ...found, acknowledged_at: new Date().toISOString() });
    }
    return json({ items: state.alerts, total: state.alerts.length, next_cursor: null });
  };
  return state;
});

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AlertsBrowser />
    </QueryClientProvider>,
  );
  return client;
}

beforeEach(() => {
  api.calls = [];
  address.search = "";
});

describe("the alerts page", () => {
  test("an admin acknowledges, and silences for the duration chosen", async () => {
    session.permissions = new Set(["telemetry:read", "telemetry:manage"]);
    api.alerts = [alert(1)];
    show();
    const row = await screen.findByTestId("alert-a1");
    expect(api.calls[0]).toMatchObject({ method: "GET", path: "/v1/alerts", search: "?state=open&limit=50" });

    await userEvent.click(within(row).getByRole("button", { name: "Acknowledge Worker 1 is missing" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    expect(api.calls.find((c) => c.method === "POST")).toMatchObject({ path: "/v1/alerts/a1/acknowledge", body: null });
    expect(await screen.findByRole("status")).toHaveTextContent("Acknowledged: Worker 1 is missing");

    await userEvent.selectOptions(within(row).getByLabelText("Silence Worker 1 is missing for"), "4 hours");
    await userEvent.click(within(row).getByRole("button", { name: "Silence Worker 1 is missing" }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === "POST")).toHaveLength(2));
    expect(api.calls.filter((c) => c.method === "POST")[1]).toMatchObject({ path: "/v1/alerts/a1/silence", body: { minutes: 240 } });
  });

  test("anyone else sees the buttons disabled, and why", async () => {
    session.permissions = new Set(["telemetry:read"]);
    api.alerts = [alert(1)];
    show();
    const row = await screen.findByTestId("alert-a1");
    const acknowledge = within(row).getByRole("button", { name: "Acknowledge Worker 1 is missing" });
    expect(acknowledge).toBeDisabled();
    expect(acknowledge).toHaveAccessibleDescription("Only admins can acknowledge or silence alerts.");
    expect(within(row).getByRole("button", { name: "Silence Worker 1 is missing" })).toBeDisabled();
    expect(within(row).getByLabelText("Silence Worker 1 is missing for")).toBeDisabled();
  });

  test("empty, then an alert.opened event brings the new alert without a reload; filters go in the address", async () => {
    session.permissions = new Set(["telemetry:read", "telemetry:manage"]);
    api.alerts = [];
    const replace = vi.fn();
    address.replace = replace;
    const client = show();
    expect(await screen.findByText("No open alerts")).toBeInTheDocument();
    api.alerts = [alert(2, { severity: "warning", title: "The media queue piles up" })];
    act(() =>
      applyEvent(client, { id: "1-0", type: "alert.opened", workspace_id: "ws", subject_id: "a2", at: new Date().toISOString(), data: {} }),
    );
    expect(await screen.findByTestId("alert-a2")).toHaveTextContent("The media queue piles up");
    await userEvent.selectOptions(screen.getByLabelText("Severity"), "Critical");
    expect(replace).toHaveBeenCalledWith("/alerts?severity=critical", { scroll: false });
  });

  test("a resolved or acknowledged alert offers no acknowledging", async () => {
    session.permissions = new Set(["telemetry:read", "telemetry:manage"]);
    address.search = "state=any";
    api.alerts = [alert(3, { state: "resolved", resolved_at: new Date().toISOString() }), alert(4, { acknowledged_at: new Date().toISOString() })];
    show();
    const resolved = await screen.findByTestId("alert-a3");
    expect(api.calls[0]?.search).toBe("?limit=50");
    expect(within(resolved).getByRole("button", { name: /Acknowledge/ })).toBeDisabled();
    expect(within(resolved).getByRole("button", { name: /Silence/ })).toBeDisabled();
    const acknowledged = screen.getByTestId("alert-a4");
    expect(within(acknowledged).getByRole("button", { name: /Acknowledge/ })).toHaveAccessibleName("Acknowledged Worker 4 is missing");
    expect(within(acknowledged).getByRole("button", { name: /Silence/ })).toBeEnabled();
  });
});
