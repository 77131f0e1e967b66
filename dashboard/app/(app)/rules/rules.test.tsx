import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, describe, expect, test, vi } from "vitest";

const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import type { Rules, RuleVersion } from "./fields";
import { ProposalCard } from "./proposal-card";
import { ProposeForm } from "./propose-form";
import { RulesTable } from "./rules-table";

const TIKTOK: Rules = {
  label: "TikTok", container: "mp4", video_codec: "h264", profile: "high", pixel_format: "yuv420p",
  width: 1080, height: 1920, fps: 30, min_fps: 23, max_fps: 60, audio_codec: "aac",
  audio_sample_rate: 48000, audio_channels: 2, audio_bitrate_kbps: 128, faststart: true,
  min_duration_seconds: 3, max_duration_seconds: 600, ideal_duration_seconds: [15, 45],
  max_video_bitrate_kbps: 25000, target_video_bitrate_kbps: 8000, max_size_bytes: 4 * 1024 ** 3,
  safe_area: { top: 0.12, bottom: 0.28, left: 0.06, right: 0.16 }, min_side_px: 360,
  max_side_px: 4096, containers: ["mp4", "mov", "webm"], video_codecs: ["h264", "hevc"],
  audio_codecs: ["aac"], aspect_ratios: ["9:16"], caption_max_chars: 2200,
  caption_unit: "utf16_units", title_max_chars: null, hashtags_max: null, mentions_max: null,
  forbidden_characters: "", posts_per_day: 15, posting_windows: [],
};
const PROPOSAL: RuleVersion = {
  id: "7d1c0e6a-1111-4bbb-8ccc-abcdefabcdef", platform: "tiktok", version: 2, status: "proposed",
  rules: { ...TIKTOK, caption_max_chars: 150, posts_per_day: 5 }, note: "TikTok cut captions",
  proposed_by_id: "11111111-1111-4111-8111-111111111111", approved_at: null, approved_by_id: null,
  rejected_at: null, rejected_by_id: null, decision_note: null, created_at: "2026-12-06T09:00:00Z",
};
const ME = "22222222-2222-4222-8222-222222222222";

function withQueries(children: ReactNode) {
  return render(<QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>);
}

afterEach(() => fetchMock.mockReset());

describe("the rules in force", () => {
  test("read as words and units", () => {
    render(<RulesTable rules={TIKTOK} caption="TikTok rules" />);
    const table = screen.getByRole("table", { name: "TikTok rules" });
    expect(within(table).getByRole("row", { name: "Largest file 4 GB" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Posting windows (UTC) any time" })).toBeInTheDocument();
    expect(within(table).getByRole("row", { name: "Longest title —" })).toBeInTheDocument();
  });
});

describe("a proposal", () => {
  test("shows only what it changes, against the version in force", () => {
    withQueries(<ProposalCard proposal={PROPOSAL} active={TIKTOK} canDecide myId={ME} />);
    const changes = screen.getByRole("table", { name: "Changes against the version in force" });
    const rows = within(changes).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(["Longest caption2,200150", "Posts per account a day155"]);
  });

  test("an admin approves it", async () => {
    document.cookie = "stakazo_csrf=csrf-9";
    fetchMock.mockResolvedValue(Response.json({ ...PROPOSAL, status: "approved" }));
    withQueries(<ProposalCard proposal={PROPOSAL} active={TIKTOK} canDecide myId={ME} />);
    await userEvent.click(screen.getByRole("button", { name: "Approve version 2" }));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe(`/v1/platform-rules/${PROPOSAL.id}/approve`);
    expect(request.headers.get("X-CSRF-Token")).toBe("csrf-9");
  });

  test("a rejection needs a note, and the API's refusal shows in words", async () => {
    fetchMock.mockResolvedValue(
      Response.json({ error: "rule_not_proposed", detail: "Version 2 of the tiktok rules is approved already." }, { status: 409 }),
    );
    withQueries(<ProposalCard proposal={PROPOSAL} active={TIKTOK} canDecide myId={ME} />);
    const reject = screen.getByRole("button", { name: "Reject version 2" });
    expect(reject).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Note (needed to reject)"), "Not announced");
    await userEvent.click(reject);
    expect(await screen.findByRole("alert")).toHaveTextContent("is approved already");
    expect(await fetchMock.mock.calls[0]![0].clone().json()).toEqual({ note: "Not announced" });
  });

  test("someone who may not decide sees why", () => {
    withQueries(<ProposalCard proposal={PROPOSAL} active={TIKTOK} canDecide={false} myId={ME} />);
    const approve = screen.getByRole("button", { name: "Approve version 2" });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription("Only admins (the rules:approve permission) approve or reject rule changes.");
    expect(screen.getByRole("button", { name: "Reject version 2" })).toBeDisabled();
  });
});

describe("proposing a change", () => {
  test("sends only the changed keys and the reason", async () => {
    fetchMock.mockResolvedValue(Response.json({ ...PROPOSAL, version: 3 }, { status: 201 }));
    withQueries(<ProposeForm active={{ tiktok: TIKTOK }} />);
    const submit = screen.getByRole("button", { name: "Propose the change" });
    expect(submit).toBeDisabled();
    const longest = screen.getByLabelText("Longest video (s)");
    await userEvent.clear(longest);
    await userEvent.type(longest, "300");
    await userEvent.type(screen.getByLabelText(/Why/), "TikTok shortened direct posts");
    await userEvent.click(submit);

    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe("/v1/platform-rules");
    expect(await request.clone().json()).toEqual({
      platform: "tiktok",
      rules: { max_duration_seconds: 300 },
      note: "TikTok shortened direct posts",
    });
    expect(await screen.findByRole("status")).toHaveTextContent("Proposed as version 3");
  });
});
