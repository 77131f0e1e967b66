import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { BestTimes } from "./BestTimes";

const api = vi.hoisted(() => {
  const state = { asked: [] as string[], status: 200 };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    state.asked.push(request.url);
    const body =
      state.status === 200
        ? {
            account_id: "a1", platform: "tiktok", time_zone: "Europe/Madrid", based_on_posts: 14,
            message: "From 14 published posts of this account.",
            times: [
              { weekday: 1, time: "09:00", score: 1.62, posts: 6, source: "history" },
              { weekday: 0, time: "20:00", score: 1.45, posts: 0, source: "platform_default" },
            ],
          }
        : { error: "invalid_request", detail: "Unknown time zone 'Mars/Olympus'." };
    return new Response(JSON.stringify(body), { status: state.status, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

function show(onPick = vi.fn(), timeZone = "Europe/Madrid") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <BestTimes accountId="a1" timeZone={timeZone} onPick={onPick} picked={[{ weekday: 0, time: "20:00" }]} />
    </QueryClientProvider>,
  );
  return onPick;
}

describe("best times to post", () => {
  test("lists the account's best hours, says where they come from, and hands back the pick", async () => {
    api.status = 200;
    const onPick = show();
    const tuesday = await screen.findByRole("button", { name: /Tuesday 09:00/ });
    expect(new URL(api.asked[0]!).searchParams.get("tz")).toBe("Europe/Madrid");
    expect(screen.getByText("From 14 published posts of this account.")).toBeInTheDocument();
    expect(tuesday).toHaveAttribute("title", "6 of this account's posts went out in this hour");
    expect(screen.getByRole("button", { name: /Monday 20:00/ })).toHaveAttribute("aria-pressed", "true");
    await userEvent.click(tuesday);
    expect(onPick).toHaveBeenCalledWith(1, "09:00");
  });

  test("a refusal is shown in words", async () => {
    api.status = 422;
    show(vi.fn(), "Mars/Olympus");
    expect(await screen.findByRole("alert")).toHaveTextContent("Unknown time zone 'Mars/Olympus'.");
  });
});
