import type { Schemas } from "@stakazo/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";

// The generated client keeps the fetch it was made with: stub it before lib/api.ts loads.
vi.hoisted(() => {
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL((input as Request).url);
    if (url.pathname === "/v1/accounts/a-tt/creator-info")
      return json({
        account_id: "a-tt",
        platform: "tiktok",
        tiktok: {
          nickname: "Acme", username: "acme.tt", avatar_url: null, privacy_level_options: ["PUBLIC_TO_EVERYONE", "SELF_ONLY"],
          comment_disabled: false, duet_disabled: true, stitch_disabled: false, max_video_post_duration_sec: 600,
        },
      });
    if (url.pathname === "/v1/accounts/a-yt/creator-info")
      return json({
        account_id: "a-yt",
        platform: "youtube",
        youtube: { categories: [{ id: "22", title: "People & Blogs" }, { id: "27", title: "Education" }], default_category_id: "22", made_for_kids_required: true },
      });
    if (url.pathname.endsWith("/best-times"))
      return json({
        account_id: "a", platform: "tiktok", time_zone: "UTC", based_on_posts: 0, message: "The platform's typical good times.",
        times: [{ weekday: 2, time: "18:00", score: 1.2, posts: 0, source: "platform_default" }],
      });
    return new Response("{}", { status: 404 });
  }) as typeof fetch;
});

const { CampaignEditor } = await import("./editor");

const account = (id: string, platform: string, username: string) =>
  ({
    id, platform, remote_id: `r-${id}`, username, display_name: null, status: "connected", sandbox: true,
    access_expires_at: null, last_error: null, created_at: "2026-12-05T10:00:00Z", updated_at: "2026-12-05T10:00:00Z",
  }) as Schemas["AccountOut"];
const ACCOUNTS = [account("a-ig", "instagram", "acme.ig"), account("a-tt", "tiktok", "acme.tt"), account("a-yt", "youtube", "acme.yt")];

function campaign(post_choices: Schemas["CampaignOut"]["post_choices"] = {}): Schemas["CampaignOut"] {
  return {
    id: "c1", name: "Launch", state: "draft", time_zone: "UTC", starts_on: "2026-12-07", ends_on: "2026-12-31",
    schedule_mode: "slots", posts_per_day: null, min_gap_minutes: 60, blackout_dates: [], caption_template: "",
    required_hashtags: [], source_asset_ids: [], source_tags: [], approval_policy: "one", approvals_required: 1,
    evergreen: false, evergreen_cooldown_days: 30, evergreen_max_reuses: 2, exploration_share: 0.1, post_choices,
    targets: [{ account_id: "a-ig", slots: [{ weekday: 0, time: "12:00" }], platform: "instagram", username: "acme.ig" }],
    created_at: "2026-12-05T10:00:00Z", updated_at: "2026-12-05T10:00:00Z",
  };
}

function show(c = campaign()) {
  const onSave = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <CampaignEditor campaign={c} accounts={ACCOUNTS} saving={false} onSave={onSave} />
    </QueryClientProvider>,
  );
  return onSave;
}

const save = () => userEvent.click(screen.getByRole("button", { name: "Save" }));

describe("the campaign editor", () => {
  test("asks TikTok's and YouTube's choices once its targets need them, and saves them", async () => {
    const onSave = show();
    expect(screen.getByText(/None needed/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: /@acme.tt/ }));
    await userEvent.click(screen.getByRole("checkbox", { name: /@acme.yt/ }));
    const privacy = await screen.findByLabelText("Who can watch this video");
    expect([...(privacy as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["Choose…", "Everyone", "Only me"]);
    expect(screen.getByRole("checkbox", { name: /Allow duets/ })).toBeDisabled();
    await save();
    expect(await screen.findByText("Choose who can watch the video on TikTok.")).toBeInTheDocument();
    expect(screen.getByText("Say whether the video is made for kids.")).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.selectOptions(privacy, "PUBLIC_TO_EVERYONE");
    await userEvent.click(screen.getByRole("checkbox", { name: /Allow comments/ }));
    await userEvent.click(screen.getByRole("radio", { name: "No, it is not made for kids" }));
    await userEvent.selectOptions(await screen.findByLabelText("Category"), "27");
    await userEvent.type(screen.getByLabelText("Tags (separated by commas)"), "launch, how to");
    await save();
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0].post_choices).toEqual({
      tiktok: {
        privacy_level: "PUBLIC_TO_EVERYONE", disable_comment: false, disable_duet: true, disable_stitch: true,
        brand_organic_toggle: false, brand_content_toggle: false, is_aigc: false,
      },
      youtube: { made_for_kids: false, category_id: "27", tags: ["launch", "how to"] },
    });
  }, 30_000); // many steps of typing and clicking: slow on a busy machine

  test("shows the choices kept, and a best time becomes a slot", async () => {
    const kept = campaign({ youtube: { made_for_kids: true, category_id: "22", tags: ["a"] } });
    kept.targets.push({ account_id: "a-yt", slots: [{ weekday: 0, time: "12:00" }], platform: "youtube", username: "acme.yt" });
    const onSave = show(kept);
    expect(await screen.findByRole("radio", { name: "Yes, it is made for kids" })).toBeChecked();
    expect(screen.getByLabelText("Tags (separated by commas)")).toHaveValue("a");
    const slots = screen.getByRole("list", { name: "Slots of @acme.yt" });
    await userEvent.click(await within(slots).findByRole("button", { name: /Wednesday 18:00/ }));
    expect(within(slots).getAllByLabelText("Time").map((input) => (input as HTMLInputElement).value)).toEqual(["12:00", "18:00"]);
    await save();
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const sent = onSave.mock.calls[0]![0];
    expect(sent.targets.find((t: { account_id: string }) => t.account_id === "a-yt").slots).toEqual([
      { weekday: 0, time: "12:00" },
      { weekday: 2, time: "18:00" },
    ]);
    expect(sent.post_choices).toEqual({ tiktok: null, youtube: { made_for_kids: true, category_id: "22", tags: ["a"] } });
  });
});
