import type { Schemas } from "@stakazo/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { publishSchema } from "./publish-schema";

// The generated client keeps the fetch it was made with: stub it before lib/api.ts loads.
const requests = vi.hoisted(() => {
  const seen: { method: string; path: string; body: unknown }[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const account = (id: string, platform: string, username: string) => ({
    id, platform, remote_id: `r-${id}`, username, display_name: null, status: "connected", sandbox: true,
    access_expires_at: null, last_error: null, created_at: "2026-12-05T10:00:00Z", updated_at: "2026-12-05T10:00:00Z",
  });
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const url = new URL(request.url);
    const body = request.method === "GET" ? null : await request.clone().json();
    seen.push({ method: request.method, path: url.pathname, body });
    if (url.pathname === "/v1/accounts")
      return json({
        items: [account("a-ig", "instagram", "acme.ig"), account("a-tt", "tiktok", "acme.tt"), account("a-yt", "youtube", "acme.yt")],
        total: 3,
        next_cursor: null,
      });
    if (url.pathname === "/v1/accounts/a-tt/creator-info")
      return json({
        account_id: "a-tt",
        platform: "tiktok",
        tiktok: {
          nickname: "Acme", username: "acme.tt", avatar_url: null,
          privacy_level_options: ["PUBLIC_TO_EVERYONE", "SELF_ONLY"],
          comment_disabled: true, duet_disabled: false, stitch_disabled: false, max_video_post_duration_sec: 600,
        },
      });
    if (url.pathname === "/v1/accounts/a-yt/creator-info")
      return json({
        account_id: "a-yt",
        platform: "youtube",
        youtube: { categories: [{ id: "22", title: "People & Blogs" }, { id: "23", title: "Comedy" }], default_category_id: "22", made_for_kids_required: true },
      });
    if (url.pathname === "/v1/confirm_publish") return json({ items: [{ id: "p1" }, { id: "p2" }] });
    return json({ error: "not_found", detail: "No such route." }, 404);
  }) as typeof fetch;
  return seen;
});

const { PublishForm } = await import("./publish-dialog");

const clip = {
  id: "c1", asset_id: "v1", start_seconds: 2, end_seconds: 20, duration_seconds: 18, rank: 1, score: 0.7,
  scores: { tiktok: 0.7 }, status: "candidate", transcript: null, caption: "Hildy quits. #screwball",
  asset_name: "his_girl_friday.mp4", source_url: null, cover_url: null, preview_url: null, created_at: "2026-12-05T10:00:00Z",
  version: 1, parent_id: null, latest: true, caption_preset: null,
} as Schemas["ClipOut"];

function renderForm() {
  const onDone = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <PublishForm clip={clip} onDone={onDone} />
    </QueryClientProvider>,
  );
  return onDone;
}

const submit = () => userEvent.click(screen.getByRole("button", { name: "Approve and publish" }));

describe("the publish dialog", () => {
  test("asks each platform's required choices, in words, before sending", async () => {
    const onDone = renderForm();
    expect(await screen.findByLabelText(/Caption/)).toHaveValue("Hildy quits. #screwball");
    await submit();
    expect(await screen.findByText("Choose at least one account.")).toBeInTheDocument();

    // TikTok: the privacy level from creator info, no default; comments turned off by the creator.
    await userEvent.click(screen.getByRole("checkbox", { name: /TikTok · @acme.tt/ }));
    const privacy = await screen.findByLabelText("Who can watch this video");
    expect([...(privacy as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(["Choose…", "Everyone", "Only me"]);
    expect(screen.getByRole("checkbox", { name: /Allow comments/ })).toBeDisabled();
    await submit();
    expect(await screen.findByText("Choose who can watch the video on TikTok.")).toBeInTheDocument();

    // YouTube: made for kids is a declaration nobody answers for the user.
    await userEvent.click(screen.getByRole("checkbox", { name: /YouTube · @acme.yt/ }));
    await screen.findByRole("option", { name: "Comedy" });
    await submit();
    expect(await screen.findByText("Say whether the video is made for kids.")).toBeInTheDocument();

    // Branded content cannot be private; disclosure needs a kind.
    await userEvent.selectOptions(privacy, "SELF_ONLY");
    await userEvent.click(screen.getByRole("checkbox", { name: "Disclose commercial content" }));
    await submit();
    expect(await screen.findByText(/Choose “Your brand”, “Branded content” or both/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: /Branded content/ }));
    await submit();
    expect(await screen.findByText("Branded content cannot be private on TikTok.")).toBeInTheDocument();
    await userEvent.selectOptions(privacy, "PUBLIC_TO_EVERYONE");
    await userEvent.click(screen.getByRole("radio", { name: "No, it is not made for kids" }));
    await userEvent.selectOptions(screen.getByLabelText("Category"), "23");

    // A schedule must be in the future.
    await userEvent.click(screen.getByRole("radio", { name: "Schedule for later" }));
    await userEvent.type(screen.getByLabelText("Publish at (your local time)"), "2020-01-01T10:00");
    await userEvent.click(screen.getByRole("button", { name: "Approve and schedule" }));
    expect(await screen.findByText("Choose a time in the future.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "Now" }));
    expect(requests.some((r) => r.path === "/v1/confirm_publish")).toBe(false);

    await submit();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const sent = requests.find((r) => r.path === "/v1/confirm_publish");
    expect(sent?.body).toEqual({
      create: {
        clip_id: "c1",
        account_ids: ["a-tt", "a-yt"],
        caption: "Hildy quits. #screwball",
        title: "",
        privacy: "public",
        mode: "direct",
        captions: false,
        publish_at: null,
        tiktok: {
          privacy_level: "PUBLIC_TO_EVERYONE",
          disable_comment: true,
          disable_duet: true,
          disable_stitch: true,
          brand_organic_toggle: false,
          brand_content_toggle: true,
          is_aigc: false,
        },
        youtube: { made_for_kids: false, category_id: "23", tags: [] },
      },
    });
  }, 30_000); // many steps of typing and clicking: slow on a busy machine

  test("Instagram's caption limits; platforms not chosen are not asked", () => {
    const values = {
      account_ids: ["a-ig"], caption: Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" "), title: "", privacy: "public" as const,
      when: "now" as const, publish_at: "",
      tiktok: { privacy_level: "", allow_comment: false, allow_duet: false, allow_stitch: false, disclose: false, your_brand: false, branded_content: false, is_aigc: false },
      youtube: { made_for_kids: "" as const, category_id: "22", tags: "" },
    };
    const instagram = publishSchema({ platforms: ["instagram"], tiktok: [] }).safeParse(values);
    expect(instagram.error?.issues.map((i) => i.message)).toEqual(["Instagram allows at most 30 hashtags."]);
    const shorter = publishSchema({ platforms: ["instagram"], tiktok: [] }).safeParse({ ...values, caption: "#one #two" });
    expect(shorter.success).toBe(true);
    const tooLong = publishSchema({ platforms: ["instagram"], tiktok: [] }).safeParse({ ...values, caption: "x".repeat(2201) });
    expect(tooLong.error?.issues.map((i) => i.message)).toEqual(["A caption holds at most 2,200 characters."]);
  });
});
