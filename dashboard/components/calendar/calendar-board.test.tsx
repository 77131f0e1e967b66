import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createEvent, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { CalendarBoard } from "./calendar-board";
import { type CalendarItem, dayKey } from "./calendar-logic";

const session = vi.hoisted(() => ({ permissions: new Set<string>() }));
vi.mock("@/lib/session", () => ({ useSession: () => ({ can: (p: string) => session.permissions.has(p) }) }));

// Wednesday 9 January 2030, 10:00 local: the week shown runs Monday 7 to Sunday 13.
const NOW = new Date(2030, 0, 9, 10, 0);

function item(extra: Partial<CalendarItem> = {}): CalendarItem {
  return {
    publication_id: "p1", clip_id: "c1", asset_name: "talk.mp4", cover_url: null, preview_url: null,
    account_id: "a1", account_name: "Brand", account_handle: "brand", platform: "tiktok",
    at: new Date(2030, 0, 10, 18, 30).toISOString(), state: "scheduled", caption: "Hello",
    campaign_id: null, approvals: { count: 1, required: 1 }, ...extra,
  };
}

const api = vi.hoisted(() => {
  const state = {
    items: [] as { publication_id: string; at: string }[],
    move: { status: 200, body: {} as unknown },
    // While set, the schedule call waits for it: what shows meanwhile is the optimistic move.
    hold: null as Promise<void> | null,
    calls: [] as { method: string; path: string; search: string; body: unknown }[],
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    const text = await request.clone().text();
    const body = text ? JSON.parse(text) : null;
    state.calls.push({ method: request.method, path: url.pathname, search: url.search, body });
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    if (request.method === "POST") {
      // The server keeps an accepted move: the calendar fetched again shows it there.
      await state.hold;
      const id = url.pathname.split("/")[3];
      if (state.move.status === 200) state.items = state.items.map((i) => (i.publication_id === id ? { ...i, at: body.publish_at } : i));
      return json(state.move.body, state.move.status);
    }
    if (url.pathname === "/v1/accounts") return json({ items: [], total: 0, next_cursor: null });
    return json({ items: state.items, total: state.items.length, next_cursor: null });
  };
  return state;
});

function drag(chip: HTMLElement, target: HTMLElement) {
  const data = new Map<string, string>();
  const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), getData: (k: string) => data.get(k) ?? "" };
  fireEvent(chip, Object.assign(createEvent.dragStart(chip), { dataTransfer }));
  fireEvent(target, Object.assign(createEvent.dragOver(target), { dataTransfer }));
  fireEvent(target, Object.assign(createEvent.drop(target), { dataTransfer }));
}

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CalendarBoard />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
  api.calls = [];
  api.hold = null;
  session.permissions = new Set(["campaigns:read", "campaigns:write", "campaigns:publish"]);
});
afterEach(() => vi.useRealTimers());

describe("the calendar", () => {
  test("asks for the week shown and places posts at their hour", async () => {
    api.items = [item(), item({ publication_id: "p2", state: "published", at: new Date(2030, 0, 8, 9, 0).toISOString() })];
    show();
    const slot = await screen.findByTestId(`slot-${dayKey(new Date(2030, 0, 10))}-18`);
    expect(within(slot).getByLabelText(/tiktok post on @brand at 18:30, scheduled; drag to move/)).toBeInTheDocument();
    const published = screen.getByLabelText(/at 09:00, published$/);
    expect(published).toHaveAttribute("draggable", "false");
    const asked = new URLSearchParams(api.calls.find((c) => c.path === "/v1/calendar")?.search);
    expect(asked.get("from")).toBe(new Date(2030, 0, 7).toISOString());
    expect(asked.get("to")).toBe(new Date(2030, 0, 14).toISOString());
  });

  test("a dragged post moves at once and the new time is sent", async () => {
    api.items = [item()];
    api.move = { status: 200, body: {} };
    let answer = () => {};
    api.hold = new Promise((resolve) => (answer = resolve));
    show();
    const chip = await screen.findByLabelText(/at 18:30, scheduled/);
    drag(chip, screen.getByTestId(`slot-${dayKey(new Date(2030, 0, 11))}-9`));
    expect(await within(screen.getByTestId(`slot-${dayKey(new Date(2030, 0, 11))}-9`)).findByLabelText(/at 09:30/)).toBeInTheDocument();
    await waitFor(() => expect(api.calls.some((c) => c.method === "POST")).toBe(true));
    answer();
    const sent = api.calls.find((c) => c.method === "POST");
    expect(sent?.path).toBe("/v1/publications/p1/schedule");
    expect(sent?.body).toEqual({ publish_at: new Date(2030, 0, 11, 9, 30).toISOString() });
  });

  test("a refused move goes back, with the reason in words", async () => {
    api.items = [item()];
    api.move = { status: 409, body: { error: "conflict", detail: "Another post of this campaign already goes to this account at 2030-01-11 08:30 UTC; pick another time." } };
    show();
    const chip = await screen.findByLabelText(/at 18:30, scheduled/);
    drag(chip, screen.getByTestId(`slot-${dayKey(new Date(2030, 0, 11))}-9`));
    expect(await screen.findByRole("alert")).toHaveTextContent("The post could not move: Another post of this campaign already goes");
    await waitFor(() =>
      expect(within(screen.getByTestId(`slot-${dayKey(new Date(2030, 0, 10))}-18`)).getByLabelText(/at 18:30/)).toBeInTheDocument(),
    );
  });

  test("moving into the past is refused before asking the API", async () => {
    api.items = [item()];
    show();
    const chip = await screen.findByLabelText(/at 18:30, scheduled/);
    drag(chip, screen.getByTestId(`slot-${dayKey(new Date(2030, 0, 8))}-9`));
    expect(await screen.findByRole("alert")).toHaveTextContent("Pick a time in the future");
    expect(api.calls.some((c) => c.method === "POST")).toBe(false);
  });

  test("an editor cannot move an approved, scheduled post", async () => {
    session.permissions = new Set(["campaigns:read", "campaigns:write"]);
    api.items = [item()];
    show();
    const chip = await screen.findByLabelText(/at 18:30, scheduled$/);
    expect(chip).toHaveAttribute("draggable", "false");
  });
});
