import type { Schemas } from "@stakazo/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";

// The generated client takes fetch when it is made: stub it before lib/api is imported.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { AccountQuota, QuotaSummary } from "./quota";

const NOW = Date.parse("2026-12-05T12:00:00Z");
const ACCOUNT = "5f1d3c2b-1111-4aaa-8bbb-123456789abc";

function quota(extra: Partial<Schemas["QuotaOut"]>): Schemas["QuotaOut"] {
  return {
    account_id: ACCOUNT, platform: "tiktok", source: "counted", mode: "direct", used: 3, limit: 15,
    remaining: 12, window: "rolling_day", resets_at: "2026-12-06T09:00:00Z", ...extra,
  };
}

function account(extra: Partial<Schemas["AccountOut"]> = {}): Schemas["AccountOut"] {
  return {
    id: ACCOUNT, platform: "instagram", remote_id: "17841", username: "acme", display_name: "Acme",
    status: "connected", sandbox: true, access_expires_at: null, last_error: null,
    created_at: "2026-12-05T10:00:00Z", updated_at: "2026-12-05T10:00:00Z", ...extra,
  };
}

afterEach(() => fetchMock.mockReset());

describe("the allowance left", () => {
  test("counted by Stakazo over a rolling day: what is left, the bar, when a slot frees", () => {
    render(<QuotaSummary quota={quota({})} now={NOW} />);
    expect(screen.getByText(/posts left in the last 24 hours/)).toHaveTextContent("12 of 15 posts left in the last 24 hours");
    expect(screen.getByRole("progressbar", { name: "3 of 15 posts used" })).toHaveAttribute("aria-valuenow", "20");
    expect(screen.getByText(/3 used, counted by Stakazo\. A slot frees up in 21 hours\./)).toBeInTheDocument();
  });

  test("a used-up Pacific day says the limit is reached and when the next post fits", () => {
    render(
      <QuotaSummary
        quota={quota({ platform: "youtube", used: 100, limit: 100, remaining: 0, window: "pacific_day", resets_at: "2026-12-06T08:00:00Z" })}
        now={NOW}
      />,
    );
    expect(screen.getByText(/posts left/)).toHaveTextContent("0 of 100 posts left today (the day ends at midnight Pacific time)");
    expect(screen.getByText(/Limit reached: the next post waits until room frees up in 20 hours\./)).toBeInTheDocument();
  });

  test("TikTok drafts count against nothing", () => {
    render(<QuotaSummary quota={quota({ source: "unlimited", used: null, limit: null, remaining: null, window: null, resets_at: null })} />);
    expect(screen.getByText("No posting limit applies to these posts.")).toBeInTheDocument();
  });

  test("asks the API for a connected account, as Instagram reports it", async () => {
    fetchMock.mockResolvedValue(
      Response.json(quota({ platform: "instagram", source: "platform", used: 1, limit: 25, remaining: 24, resets_at: null })),
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <AccountQuota account={account()} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText(/24 of 25/)).toBeInTheDocument();
    expect(screen.getByText("1 used, as Instagram reports it.")).toBeInTheDocument();
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe(`/v1/accounts/${ACCOUNT}/quota`);
  });

  test("the API's refusal is said in words, and a disconnected account is not asked", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: "platform_unavailable", detail: "Instagram did not say how many posts are left." }, { status: 502 }),
    );
    const { rerender } = render(
      <QueryClientProvider client={new QueryClient()}>
        <AccountQuota account={account()} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText("Allowance unknown: Instagram did not say how many posts are left.")).toBeInTheDocument();
    fetchMock.mockClear();
    rerender(
      <QueryClientProvider client={new QueryClient()}>
        <AccountQuota account={account({ id: "6f1d3c2b-1111-4aaa-8bbb-123456789abc", status: "needs_reauth" })} />
      </QueryClientProvider>,
    );
    expect(screen.getByText("Connect the account again to see what is left.")).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
