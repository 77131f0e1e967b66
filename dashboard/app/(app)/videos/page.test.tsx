import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import VideosPage from "./page";

const session = vi.hoisted(() => ({ permissions: new Set<string>() }));
vi.mock("@/lib/session", () => ({
  useSession: () => ({
    workspace: { workspace_id: "ws-1", workspace_name: "Acme", role: "viewer", permissions: [...session.permissions] },
    can: (permission: string) => session.permissions.has(permission),
  }),
}));
// next/dynamic as in the browser: the module loads, then renders (the uploader is stubbed).
vi.mock("next/dynamic", async () => {
  const { useEffect, useState } = await import("react");
  return {
    default: (load: () => Promise<unknown>) =>
      function Dynamic(props: Record<string, unknown>) {
        const [Loaded, setLoaded] = useState<React.ComponentType<Record<string, unknown>> | null>(null);
        useEffect(() => {
          void load().then((found) => {
            const loaded = found as { default?: React.ComponentType<Record<string, unknown>> };
            setLoaded(() => loaded.default ?? (found as React.ComponentType<Record<string, unknown>>));
          });
        }, []);
        return Loaded ? <Loaded {...props} /> : null;
      },
  };
});
vi.mock("@/components/videos/upload-panel", () => ({
  UploadPanel: function Uploader() {
    return <p>Upload area</p>;
  },
}));

function asset(n: number) {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    workspace_id: "ws-1",
    uploaded_by_id: null,
    display_name: `talk-${n}.mp4`,
    size_bytes: 5_000_000,
    sha256: "ab".repeat(32),
    state: n % 2 ? "ready" : "analyzing",
    rejection_reason: null,
    media_info: null,
    duration_seconds: 125,
    transcript_status: "available",
    transcript_reason: null,
    source_url: `/media/token-${n}`,
    created_at: new Date(Date.now() - n * 60_000).toISOString(),
    updated_at: new Date().toISOString(),
  };
}

// The API client keeps the fetch it was created with, so the stub is in place before it loads.
const api = vi.hoisted(() => {
  const state = { pages: {} as Record<string, unknown>, seen: [] as string[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = input instanceof Request ? input.method : "GET";
    state.seen.push(`${method} ${url.pathname}${url.search}`);
    if (method === "DELETE") return new Response(null, { status: 204 });
    const body = url.pathname === "/v1/assets" ? (state.pages[url.search] ?? { items: [], total: 0, next_cursor: null }) : {};
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

// jsdom lays nothing out: give the table's scroller the height a browser would (70vh of 860).
Object.defineProperty(HTMLElement.prototype, "clientHeight", {
  configurable: true,
  get(this: HTMLElement) {
    return this.dataset.testid === "asset-scroller" ? 600 : 0;
  },
});

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <VideosPage />
    </QueryClientProvider>,
  );
}

describe("VideosPage", () => {
  test("an empty workspace invites an editor to upload the first video", async () => {
    session.permissions = new Set(["assets:read", "assets:write"]);
    api.pages = {};
    show();
    expect(await screen.findByText("No videos yet.")).toBeInTheDocument();
    expect(screen.getByText(/Drop your first video in the box above/)).toBeInTheDocument();
    expect(screen.getByText("Upload area")).toBeInTheDocument();
  });

  test("a viewer sees the list but no upload area and no delete buttons", async () => {
    session.permissions = new Set(["assets:read"]);
    api.pages = { "?limit=100&include_total=true": { items: [asset(1), asset(2)], total: 2, next_cursor: null } };
    show();
    const table = await screen.findByRole("table");
    expect(screen.queryByText("Upload area")).toBeNull();
    expect(within(table).getByRole("link", { name: "talk-1.mp4" })).toHaveAttribute(
      "href",
      "/videos/detail?id=00000000-0000-4000-8000-000000000001",
    );
    expect(within(table).queryByRole("button", { name: /Delete/ })).toBeNull();
    expect(screen.getByText("2 videos")).toBeInTheDocument();
  });

  test("an editor can delete, and the table holds only a window of a long list", async () => {
    session.permissions = new Set(["assets:read", "assets:write"]);
    api.pages = {
      "?limit=100&include_total=true": { items: Array.from({ length: 100 }, (_, i) => asset(i + 1)), total: 10_000, next_cursor: "c2" },
    };
    show();
    const table = await screen.findByRole("table");
    expect(table).toHaveAttribute("aria-rowcount", "10001");
    expect(screen.getByText("10,000 videos · 100 loaded, more load as you scroll")).toBeInTheDocument();
    const rows = within(table).getAllByRole("row").filter((row) => row.hasAttribute("data-index"));
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(within(rows[0]!).getByRole("button", { name: "Delete talk-1.mp4" })).toBeInTheDocument();
    expect(within(rows[0]!).getByText("2:05")).toBeInTheDocument();
  });

  test("deleting asks first, then removes the video and reloads the list", async () => {
    session.permissions = new Set(["assets:read", "assets:write"]);
    api.pages = { "?limit=100&include_total=true": { items: [asset(1)], total: 1, next_cursor: null } };
    show();
    await userEvent.click(await screen.findByRole("button", { name: "Delete talk-1.mp4" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete talk-1.mp4?" });
    expect(dialog).toHaveTextContent("This cannot be undone.");
    api.pages = {};
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText("No videos yet.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(api.seen).toContain("DELETE /v1/assets/00000000-0000-4000-8000-000000000001");
  });
});
