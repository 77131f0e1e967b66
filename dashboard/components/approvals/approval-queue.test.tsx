import type { Schemas } from "@stakazo/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, test, vi } from "vitest";
import { ApprovalQueue, approvalWords } from "./approval-queue";

const ME = "11111111-0000-4000-8000-000000000001";
const session = vi.hoisted(() => ({ permissions: new Set<string>() }));
vi.mock("@/lib/session", () => ({
  useSession: () => ({
    can: (permission: string) => session.permissions.has(permission),
    me: { user: { id: "11111111-0000-4000-8000-000000000001" } },
  }),
}));

function publication(extra: Partial<Schemas["PublicationOut"]> = {}): Schemas["PublicationOut"] {
  return {
    id: "p1", clip_id: "c1", variant_id: null, account_id: "a1", platform: "tiktok", sandbox: true,
    state: "awaiting_approval", caption: "Launch day", title: "", privacy: "public", mode: "direct",
    publish_at: "2030-01-09T18:00:00Z", options: {}, next_attempt_at: null, attempts: 0, progress: 0,
    remote_post_id: null, remote_url: null, remote_detail: null, error: null, error_reason: null,
    approved_at: null, approvals: 0, approvals_required: 2, approvers: [], published_at: null,
    created_at: "2030-01-01T10:00:00Z", updated_at: "2030-01-01T10:00:00Z", ...extra,
  };
}

const api = vi.hoisted(() => {
  const state = {
    queue: [] as unknown[],
    answer: { status: 200, body: {} as unknown },
    calls: [] as { method: string; path: string; body: unknown }[],
  };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    const text = await request.clone().text();
    state.calls.push({ method: request.method, path: url.pathname, body: text ? JSON.parse(text) : null });
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    if (request.method === "POST") return json(state.answer.body, state.answer.status);
    if (url.pathname === "/v1/accounts") return json({ items: [{ id: "a1", username: "brand", platform: "tiktok" }], total: 1, next_cursor: null });
    if (url.pathname.startsWith("/v1/clips/")) return json({ id: "c1", asset_name: "talk.mp4", cover_url: "/media/cover" });
    return json({ items: state.queue, total: state.queue.length, next_cursor: null });
  };
  return state;
});

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ApprovalQueue />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  api.calls = [];
  api.answer = { status: 200, body: { items: [] } };
});

describe("the approval queue", () => {
  test("says how many approvals a post has and who gave them", () => {
    const approvers = [{ user_id: "u2", name: "Bo", approved_at: "2030-01-01T11:00:00Z" }];
    expect(approvalWords(publication({ approvals: 1, approvers }))).toBe("1 of 2 approvals (Bo)");
    expect(approvalWords(publication({ approvals_required: 1 }))).toBe("0 of 1 approval");
  });

  test("an admin approves, and rejects with a reason", async () => {
    session.permissions = new Set(["campaigns:read", "campaigns:publish"]);
    api.queue = [publication()];
    show();
    expect(await screen.findByText("0 of 2 approvals")).toBeInTheDocument();
    expect(await screen.findByRole("img", { name: "Cover of talk.mp4" })).toHaveAttribute("src", "/media/cover");
    expect(screen.getByText(/@brand on TikTok/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(api.calls.some((c) => c.path === "/v1/confirm_publish")).toBe(true));
    expect(api.calls.find((c) => c.path === "/v1/confirm_publish")?.body).toEqual({ publication_ids: ["p1"] });

    await userEvent.click(screen.getByRole("button", { name: "Reject…" }));
    const submit = screen.getByRole("button", { name: "Reject and cancel it" });
    expect(submit).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Why is it rejected?"), "Wrong product");
    await userEvent.click(submit);
    await waitFor(() => expect(api.calls.some((c) => c.path === "/v1/publications/p1/reject")).toBe(true));
    expect(api.calls.find((c) => c.path === "/v1/publications/p1/reject")?.body).toEqual({ reason: "Wrong product" });
  });

  test("one who already approved waits for someone else; a refusal is shown in words", async () => {
    session.permissions = new Set(["campaigns:read", "campaigns:publish"]);
    api.queue = [
      publication({ approvals: 1, approvers: [{ user_id: ME, name: "Ana", approved_at: "2030-01-01T11:00:00Z" }] }),
      publication({ id: "p2" }),
    ];
    api.answer = { status: 409, body: { error: "already_approved", detail: "You have already approved this publication; it needs 1 more approval from someone else." } };
    show();
    expect(await screen.findByRole("button", { name: "You approved" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Approve" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("it needs 1 more approval from someone else");
  });

  test("a role without campaigns:publish sees the queue and why it cannot decide", async () => {
    session.permissions = new Set(["campaigns:read"]);
    api.queue = [publication()];
    show();
    expect(await screen.findByText(/need the ‘campaigns:publish’ permission/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
  });

  test("an empty queue says so", async () => {
    session.permissions = new Set(["campaigns:read"]);
    api.queue = [];
    show();
    expect(await screen.findByText("Nothing waits for approval.")).toBeInTheDocument();
  });
});
